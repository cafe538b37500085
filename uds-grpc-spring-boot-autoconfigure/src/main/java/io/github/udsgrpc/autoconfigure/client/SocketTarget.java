package io.github.udsgrpc.autoconfigure.client;

import java.net.URI;
import java.nio.file.Path;

/**
 * Reads the socket path out of a {@code unix:} target in gRPC's naming: {@code unix:/absolute/path},
 * {@code unix:///absolute/path} or {@code unix:relative/path} (resolved against the working directory). The
 * server reads net.devh's {@code grpc.server.address=unix:...} with it too, so both sides accept the same forms.
 */
public final class SocketTarget {

	static final String SCHEME = "unix";

	private SocketTarget() {
	}

	/**
	 * Whether the target is a {@code unix:} target.
	 * @param target the channel's target
	 * @return true for the {@code unix} scheme
	 */
	public static boolean isSocket(URI target) {
		return SCHEME.equalsIgnoreCase(target.getScheme());
	}

	/**
	 * The absolute socket path of a {@code unix:} target.
	 * @param target a target for which {@link #isSocket} is true
	 * @return the path
	 * @throws IllegalArgumentException if the target has a host or no path
	 */
	public static Path path(URI target) {
		String path;
		if (target.isOpaque()) {
			path = target.getSchemeSpecificPart(); // unix:relative/path
		}
		else {
			if (target.getRawAuthority() != null && !target.getRawAuthority().isEmpty()) {
				throw new IllegalArgumentException("Socket target '" + target + "' names a host ('"
						+ target.getRawAuthority() + "'), but a Unix socket has none: write unix:/absolute/path, "
						+ "unix:///absolute/path or unix:relative/path");
			}
			path = target.getPath(); // unix:/absolute/path and unix:///absolute/path
		}
		if (path == null || path.isEmpty() || path.endsWith("/")) {
			throw new IllegalArgumentException("Socket target '" + target + "' has no path: write "
					+ "unix:/absolute/path, unix:///absolute/path or unix:relative/path");
		}
		return Path.of(path).toAbsolutePath().normalize();
	}

}
