package io.github.udsgrpc.socket;

import java.util.List;

/**
 * Thrown when no native Netty transport for Unix domain sockets can be loaded on this platform.
 */
public class NativeTransportUnavailableException extends IllegalStateException {

	private final List<String> reasons;

	/**
	 * Creates the exception.
	 * @param reasons why each transport could not be used, one line each
	 */
	public NativeTransportUnavailableException(List<String> reasons) {
		super("No native transport for Unix domain sockets is available on " + platform() + ": "
				+ String.join("; ", reasons));
		this.reasons = List.copyOf(reasons);
	}

	/**
	 * The platform as the JVM names it, for example {@code Linux/amd64}.
	 * @return the operating system and architecture
	 */
	public static String platform() {
		return System.getProperty("os.name") + "/" + System.getProperty("os.arch");
	}

	/**
	 * Why each transport could not be used, one line each.
	 * @return the reasons
	 */
	public List<String> getReasons() {
		return this.reasons;
	}

}
