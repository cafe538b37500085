package io.github.udsgrpc.socket;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The longest path a Unix socket may have: {@code sun_path} holds 108 bytes on Linux and 104 on macOS and the
 * BSDs, one of which is the terminating NUL.
 */
public final class SocketPathLimit {

	/** Linux: 108 bytes of {@code sun_path}, less the NUL. */
	public static final int LINUX = 107;

	/** macOS and the BSDs: 104 bytes of {@code sun_path}, less the NUL. */
	public static final int BSD = 103;

	/**
	 * Linux abstract names: 108 bytes of {@code sun_path} less the leading NUL that marks the name as abstract
	 * leave 107 (no terminating NUL is needed: the address length says where the name ends), but one byte fewer is
	 * allowed here. Netty 4.1's native bind and connect read one byte past the name when it fills {@code sun_path}
	 * exactly, and refuse it with ENAMETOOLONG whenever that byte is not zero, so a 107-byte name would fail at
	 * random.
	 */
	public static final int ABSTRACT_NAME = 106;

	private SocketPathLimit() {
	}

	/**
	 * The limit on this platform.
	 * @return the number of bytes a socket path may have
	 */
	public static int current() {
		String os = System.getProperty("os.name", "").toLowerCase();
		return (os.contains("mac") || os.contains("bsd") || os.contains("darwin")) ? BSD : LINUX;
	}

	/**
	 * The length of a path as the kernel counts it: bytes of its UTF-8 form.
	 * @param path the path
	 * @return its length in bytes
	 */
	public static int length(Path path) {
		return path.toString().getBytes(StandardCharsets.UTF_8).length;
	}

}
