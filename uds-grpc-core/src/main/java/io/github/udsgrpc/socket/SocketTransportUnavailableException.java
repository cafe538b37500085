package io.github.udsgrpc.socket;

import java.util.List;

/**
 * Thrown when no transport for Unix domain sockets can be used on this platform ({@code auto}: neither the native
 * one nor NIO), or when the transport asked for ({@code grpc.uds.transport}, or the override
 * {@value SocketTransport#OVERRIDE_PROPERTY}) cannot be used.
 */
public class SocketTransportUnavailableException extends IllegalStateException {

	private final SocketTransport requested;

	private final List<String> reasons;

	/**
	 * Creates the exception for {@code auto}, which found no transport.
	 * @param reasons why each transport could not be used, one line each
	 */
	public SocketTransportUnavailableException(List<String> reasons) {
		this(null, reasons);
	}

	/**
	 * Creates the exception.
	 * @param requested the transport asked for, or {@code null} for {@code auto}
	 * @param reasons why each transport could not be used, one line each
	 */
	public SocketTransportUnavailableException(SocketTransport requested, List<String> reasons) {
		super(((requested != null)
				? "The " + requested.value() + " transport for Unix domain sockets cannot be used on " + platform()
				: "No transport for Unix domain sockets is available on " + platform()) + ": "
				+ String.join("; ", reasons));
		this.requested = requested;
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
	 * The transport that was asked for by name.
	 * @return the transport, or {@code null} when {@code auto} found none
	 */
	public SocketTransport getRequested() {
		return this.requested;
	}

	/**
	 * Why each transport could not be used, one line each.
	 * @return the reasons
	 */
	public List<String> getReasons() {
		return this.reasons;
	}

}
