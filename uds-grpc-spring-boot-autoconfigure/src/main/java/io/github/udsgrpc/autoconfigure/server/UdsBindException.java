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
		this(listenerName, path, path.toString(), cause);
	}

	/**
	 * Creates the exception for a socket that is not a file of this process's making (abstract or inherited).
	 * @param listenerName the listener's name
	 * @param address the socket's path or {@code @name}
	 * @param cause what the operating system or Netty reported
	 */
	public UdsBindException(String listenerName, String address, Throwable cause) {
		this(listenerName, null, address, cause);
	}

	private UdsBindException(String listenerName, Path path, String address, Throwable cause) {
		super("gRPC server could not listen on Unix socket " + address + " (listener '" + listenerName + "'): "
				+ rootMessage(cause), cause);
		this.listenerName = listenerName;
		this.path = path;
	}

	/**
	 * The message of the innermost cause: the operating system's words.
	 * @param cause the failure
	 * @return its root's message, or its root's class name
	 */
	static String rootMessage(Throwable cause) {
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
	 * The path of the socket file this process tried to make.
	 * @return the path, or {@code null} for an abstract or inherited socket
	 */
	public Path getPath() {
		return this.path;
	}

}
