package io.github.udsgrpc.autoconfigure.client;

import java.net.URI;
import java.nio.file.Path;

import io.github.udsgrpc.autoconfigure.socket.UdsAddress;

/**
 * Reads the socket out of a target in gRPC's naming: {@code unix:/absolute/path}, {@code unix:///absolute/path} or
 * {@code unix:relative/path} (resolved against the working directory) for a socket file, and
 * {@code unix-abstract:name} for a name in Linux's abstract namespace (gRPC prepends the NUL byte; the name is
 * everything after the colon, percent-decoded, a leading slash included). The server reads net.devh's
 * {@code grpc.server.address=unix:...} with it too, so both sides accept the same forms.
 */
public final class SocketTarget {

	static final String SCHEME = "unix";

	static final String ABSTRACT_SCHEME = "unix-abstract";

	private static final String FORMS = "write unix:/absolute/path, unix:///absolute/path, unix:relative/path or "
			+ "unix-abstract:name";

	private SocketTarget() {
	}

	/**
	 * Whether the target is a {@code unix:} or {@code unix-abstract:} target.
	 * @param target the channel's target
	 * @return true for either scheme
	 */
	public static boolean isSocket(URI target) {
		return SCHEME.equalsIgnoreCase(target.getScheme()) || ABSTRACT_SCHEME.equalsIgnoreCase(target.getScheme());
	}

	/**
	 * The socket of a {@code unix:} or {@code unix-abstract:} target.
	 * @param target a target for which {@link #isSocket} is true
	 * @return the socket file's absolute path, or the abstract name
	 * @throws IllegalArgumentException if the target has a host or no path or name
	 */
	public static UdsAddress address(URI target) {
		String path;
		if (target.isOpaque()) {
			path = target.getSchemeSpecificPart(); // unix:relative/path, unix-abstract:name
		}
		else {
			if (target.getRawAuthority() != null && !target.getRawAuthority().isEmpty()) {
				throw new IllegalArgumentException("Socket target '" + target + "' names a host ('"
						+ target.getRawAuthority() + "'), but a Unix socket has none: " + FORMS);
			}
			path = target.getPath(); // unix:/absolute/path and unix:///absolute/path
		}
		if (ABSTRACT_SCHEME.equalsIgnoreCase(target.getScheme())) {
			if (path == null || path.isEmpty()) {
				throw new IllegalArgumentException("Socket target '" + target + "' has no name: " + FORMS);
			}
			return UdsAddress.abstractName(path);
		}
		if (path == null || path.isEmpty() || path.endsWith("/")) {
			throw new IllegalArgumentException("Socket target '" + target + "' has no path: " + FORMS);
		}
		return UdsAddress.file(Path.of(path));
	}

}
