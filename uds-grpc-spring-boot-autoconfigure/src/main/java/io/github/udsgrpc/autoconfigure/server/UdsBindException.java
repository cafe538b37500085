package io.github.udsgrpc.autoconfigure.server;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Thrown when the gRPC server cannot listen on a socket path.
 */
public class UdsBindException extends IOException {

	private final String listenerName;

	private final Path path;

	/**
	 * Creates the exception.
	 * @param listenerName the listener's name
	 * @param path the socket path
	 * @param cause what the operating system or Netty reported
	 */
	public UdsBindException(String listenerName, Path path, Throwable cause) {
		super("gRPC server could not listen on Unix socket " + path + " (listener '" + listenerName + "'): "
				+ describe(cause), cause);
		this.listenerName = listenerName;
		this.path = path;
	}

	private static String describe(Throwable cause) {
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

	/**
	 * The listener whose socket could not be bound.
	 * @return its name
	 */
	public String getListenerName() {
		return this.listenerName;
	}

	/**
	 * The socket path.
	 * @return the path
	 */
	public Path getPath() {
		return this.path;
	}

}
