package io.github.udsgrpc.socket;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import io.netty.channel.unix.DomainSocketAddress;

/**
 * Where a Unix domain socket lives: a file at an absolute path, or a name in Linux's abstract namespace. An
 * abstract socket has no file: the kernel keeps its name, with a leading NUL byte in {@code sun_path}, as long as
 * a socket is bound to it, and checks no permissions on connect.
 *
 * <p>
 * Every way of writing a socket is read here, once: {@link #parse(String) configuration} ({@code /path},
 * {@code relative/path} or {@code @name}, as Envoy, Docker, {@code ss} and {@code /proc/net/unix} show an abstract
 * name) and {@link #parseTarget(String) gRPC targets} ({@code unix:/path}, {@code unix:///path},
 * {@code unix:relative/path}, {@code unix-abstract:name}). The rules that depend on the platform, such as the
 * length of {@code sun_path} and abstract names existing only on Linux, are {@link #problemOn(SocketTransport)},
 * asked by servers and clients alike.
 */
public final class UdsAddress {

	/** How configuration and logs mark an abstract name: {@code @name}. */
	public static final String ABSTRACT_PREFIX = "@";

	/** gRPC's scheme of a socket file. */
	public static final String SCHEME = "unix";

	/** gRPC's scheme of an abstract name. */
	public static final String ABSTRACT_SCHEME = "unix-abstract";

	private static final String TARGET_FORMS = "write unix:/absolute/path, unix:///absolute/path, unix:relative/path "
			+ "or unix-abstract:name";

	private final Path path;

	private final String abstractName;

	private UdsAddress(Path path, String abstractName) {
		this.path = path;
		this.abstractName = abstractName;
	}

	/**
	 * A socket file.
	 * @param path the path; a relative one is resolved against the working directory
	 * @return the address
	 */
	public static UdsAddress file(Path path) {
		return new UdsAddress(path.toAbsolutePath().normalize(), null);
	}

	/**
	 * A socket in the abstract namespace (Linux).
	 * @param name the name, without the leading NUL byte or {@code @}; one byte or more, no NUL bytes (gRPC's
	 * {@code unix-abstract:} naming cannot carry them)
	 * @return the address
	 * @throws IllegalArgumentException if the name is empty or holds a NUL byte
	 */
	public static UdsAddress abstractName(String name) {
		if (name == null || name.isEmpty()) {
			throw new IllegalArgumentException("An abstract socket name must not be empty: write @name");
		}
		if (name.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("An abstract socket name must not contain NUL bytes: '"
					+ name.replace('\0', '@') + "'");
		}
		return new UdsAddress(null, name);
	}

	/**
	 * Reads a configured socket: {@code @name} is an abstract name, anything else a path.
	 * @param value the configured value
	 * @return the address
	 * @throws IllegalArgumentException if the value is empty or not a valid path or name
	 */
	public static UdsAddress parse(String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("A socket path must not be empty");
		}
		if (value.startsWith(ABSTRACT_PREFIX)) {
			return abstractName(value.substring(ABSTRACT_PREFIX.length()));
		}
		try {
			return file(Path.of(value));
		}
		catch (InvalidPathException ex) {
			throw new IllegalArgumentException("Invalid socket path '" + value + "': " + ex.getMessage(), ex);
		}
	}

	/**
	 * Whether a target is a {@code unix:} or {@code unix-abstract:} target.
	 * @param target a channel's target
	 * @return true for either scheme
	 */
	public static boolean isSocketTarget(URI target) {
		return SCHEME.equalsIgnoreCase(target.getScheme()) || ABSTRACT_SCHEME.equalsIgnoreCase(target.getScheme());
	}

	/**
	 * Reads the socket out of a target in gRPC's naming.
	 * @param target {@code unix:/absolute/path}, {@code unix:///absolute/path}, {@code unix:relative/path} (resolved
	 * against the working directory), or {@code unix-abstract:name} (gRPC prepends the NUL byte; the name is
	 * everything after the colon, percent-decoded, a leading slash included)
	 * @return the address
	 * @throws IllegalArgumentException if the target is not a URI, has another scheme, names a host, or has no path
	 * or name
	 */
	public static UdsAddress parseTarget(String target) {
		try {
			return parseTarget(new URI(target));
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("Socket target '" + target + "' is not a URI (" + ex.getMessage() + "): "
					+ TARGET_FORMS, ex);
		}
	}

	/**
	 * Reads the socket out of a target in gRPC's naming; see {@link #parseTarget(String)}.
	 * @param target the target
	 * @return the address
	 * @throws IllegalArgumentException if it is not a socket target, names a host, or has no path or name
	 */
	public static UdsAddress parseTarget(URI target) {
		if (!isSocketTarget(target)) {
			throw new IllegalArgumentException("Socket target '" + target + "' has scheme '" + target.getScheme()
					+ "', not 'unix' or 'unix-abstract': " + TARGET_FORMS);
		}
		String path;
		if (target.isOpaque()) {
			path = target.getSchemeSpecificPart(); // unix:relative/path, unix-abstract:name
		}
		else {
			if (target.getRawAuthority() != null && !target.getRawAuthority().isEmpty()) {
				throw new IllegalArgumentException("Socket target '" + target + "' names a host ('"
						+ target.getRawAuthority() + "'), but a Unix socket has none: " + TARGET_FORMS);
			}
			path = target.getPath(); // unix:/absolute/path and unix:///absolute/path
		}
		if (ABSTRACT_SCHEME.equalsIgnoreCase(target.getScheme())) {
			if (path == null || path.isEmpty()) {
				throw new IllegalArgumentException("Socket target '" + target + "' has no name: " + TARGET_FORMS);
			}
			return abstractName(path);
		}
		if (path == null || path.isEmpty() || path.endsWith("/")) {
			throw new IllegalArgumentException("Socket target '" + target + "' has no path: " + TARGET_FORMS);
		}
		return file(Path.of(path));
	}

	/**
	 * The address Netty reads back from a socket ({@code getsockname}/{@code getpeername}): a leading NUL byte
	 * marks an abstract name.
	 * @param address Netty's address
	 * @return the address
	 */
	public static UdsAddress of(DomainSocketAddress address) {
		String path = address.path();
		return (path.startsWith("\0")) ? abstractName(path.substring(1)) : file(Path.of(path));
	}

	/**
	 * Whether this is a name in the abstract namespace rather than a file.
	 * @return true for an abstract socket
	 */
	public boolean isAbstract() {
		return this.abstractName != null;
	}

	/**
	 * The socket file's path.
	 * @return the absolute path
	 * @throws IllegalStateException for an abstract socket, which has no file
	 */
	public Path path() {
		if (this.path == null) {
			throw new IllegalStateException("Abstract socket " + this + " has no file path");
		}
		return this.path;
	}

	/**
	 * The abstract name, without {@code @}.
	 * @return the name
	 * @throws IllegalStateException for a socket file
	 */
	public String abstractName() {
		if (this.abstractName == null) {
			throw new IllegalStateException("Socket " + this + " is a file, not an abstract name");
		}
		return this.abstractName;
	}

	/**
	 * The number of bytes the kernel counts against the {@code sun_path} limit, less the terminating or leading
	 * NUL: the UTF-8 bytes of the path or of the name.
	 * @return the length
	 */
	public int length() {
		return (isAbstract() ? this.abstractName : this.path.toString()).getBytes(StandardCharsets.UTF_8).length;
	}

	/**
	 * The most bytes this kind of address may have here: {@link SocketPathLimit#ABSTRACT_NAME} for a name,
	 * {@link SocketPathLimit#current()} for a path.
	 * @return the limit
	 */
	public int maxLength() {
		return isAbstract() ? SocketPathLimit.ABSTRACT_NAME : SocketPathLimit.current();
	}

	/**
	 * Why this address cannot be used with a transport, if it cannot: abstract names exist only on Linux, and only
	 * with a native transport (epoll, io_uring),
	 * and an address longer than {@link #maxLength()} does not fit {@code sun_path}.
	 * @param transport the transport in use
	 * @return the problem, or empty when the address can be bound and dialled
	 */
	public Optional<Problem> problemOn(SocketTransport transport) {
		if (isAbstract() && !transport.supportsAbstractNames()) {
			return Optional.of(new Problem(Problem.Kind.ABSTRACT_NOT_SUPPORTED, length(), maxLength(),
					transport.abstractNamesUnsupported()));
		}
		if (length() > maxLength()) {
			return Optional.of(isAbstract()
					? new Problem(Problem.Kind.NAME_TOO_LONG, length(), maxLength(), "the name is " + length()
							+ " bytes long, and an abstract socket name may be at most " + maxLength() + " bytes")
					: new Problem(Problem.Kind.PATH_TOO_LONG, length(), maxLength(), "the path is " + length()
							+ " bytes long, and a Unix socket path may be at most " + maxLength() + " bytes on "
							+ System.getProperty("os.name")));
		}
		return Optional.empty();
	}

	/**
	 * The address for Netty: the path, or the name behind a NUL byte, which Netty passes to {@code bind} and
	 * {@code connect} with exactly its length, so the kernel sees no trailing NULs.
	 * @return Netty's address
	 */
	public DomainSocketAddress toNettyAddress() {
		return new DomainSocketAddress(isAbstract() ? "\0" + this.abstractName : this.path.toString());
	}

	/**
	 * The address in gRPC's target syntax, as a client would dial it.
	 * @return {@code unix:/path} or {@code unix-abstract:name}
	 */
	public String target() {
		return isAbstract() ? ABSTRACT_SCHEME + ":" + this.abstractName : SCHEME + ":" + this.path;
	}

	/**
	 * The path, or {@code @name} for an abstract socket.
	 */
	@Override
	public String toString() {
		return isAbstract() ? ABSTRACT_PREFIX + this.abstractName : this.path.toString();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof UdsAddress that && Objects.equals(this.path, that.path)
				&& Objects.equals(this.abstractName, that.abstractName);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.path, this.abstractName);
	}

	/**
	 * Why an address cannot be used on this platform.
	 *
	 * @param kind what is wrong
	 * @param length the address's length in bytes
	 * @param limit the most bytes it may have
	 * @param description what is wrong, in words, without the address
	 */
	public record Problem(Kind kind, int length, int limit, String description) {

		/** What is wrong. */
		public enum Kind {

			/** An abstract name, on a platform without an abstract namespace. */
			ABSTRACT_NOT_SUPPORTED,

			/** An abstract name longer than {@link SocketPathLimit#ABSTRACT_NAME}. */
			NAME_TOO_LONG,

			/** A path longer than the platform's {@code sun_path} allows. */
			PATH_TOO_LONG

		}

	}

}
