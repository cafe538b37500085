package io.github.udsgrpc.autoconfigure.socket;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

import io.netty.channel.unix.DomainSocketAddress;

/**
 * Where a Unix domain socket lives: a file at an absolute path, or a name in Linux's abstract namespace. An
 * abstract socket has no file: the kernel keeps its name, with a leading NUL byte in {@code sun_path}, as long as
 * a socket is bound to it, and checks no permissions on connect.
 *
 * <p>
 * In configuration an abstract name is written {@code @name}, as Envoy, Docker, {@code ss} and
 * {@code /proc/net/unix} show it; gRPC clients write it {@code unix-abstract:name}.
 */
public final class UdsAddress {

	/** How configuration and logs mark an abstract name: {@code @name}. */
	public static final String ABSTRACT_PREFIX = "@";

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
		return isAbstract() ? "unix-abstract:" + this.abstractName : "unix:" + this.path;
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

}
