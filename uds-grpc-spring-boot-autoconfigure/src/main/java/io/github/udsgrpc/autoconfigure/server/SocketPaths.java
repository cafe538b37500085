package io.github.udsgrpc.autoconfigure.server;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Turns a configured socket path into the absolute path the server binds.
 */
final class SocketPaths {

	private SocketPaths() {
	}

	/**
	 * Resolves a path against the working directory and normalizes it.
	 * @param path the configured path
	 * @return the absolute path
	 */
	static Path resolve(String path) {
		if (path == null || path.isBlank()) {
			throw new IllegalArgumentException("A socket path must not be empty");
		}
		try {
			return Path.of(path).toAbsolutePath().normalize();
		}
		catch (InvalidPathException ex) {
			throw new IllegalArgumentException("Invalid socket path '" + path + "': " + ex.getMessage(), ex);
		}
	}

}
