package io.github.udsgrpc.server;

import java.nio.file.Path;

import io.github.udsgrpc.socket.ListenerSocketException;
import io.github.udsgrpc.socket.UdsAddress;

/**
 * Thrown when the gRPC server cannot listen on a socket, for a reason the operating system or Netty gave rather than
 * one found beforehand (those are {@link io.github.udsgrpc.socket.SocketFileException} and
 * {@link io.github.udsgrpc.socket.AbstractSocketException}).
 */
public class UdsBindException extends ListenerSocketException {

	private final Path path;

	private UdsBindException(String listenerName, UdsAddress address, Path path, Throwable cause) {
		super(listenerName, address, "gRPC server could not listen on Unix socket " + address + " (listener '"
				+ listenerName + "'): " + rootMessage(cause), cause);
		this.path = path;
	}

	/**
	 * The exception for a socket file this process tried to make.
	 * @param listenerName the listener's name
	 * @param path the socket path
	 * @param cause what the operating system or Netty reported
	 * @return the exception
	 */
	public static UdsBindException ofFile(String listenerName, Path path, Throwable cause) {
		return new UdsBindException(listenerName, UdsAddress.file(path), UdsAddress.file(path).path(), cause);
	}

	/**
	 * The exception for a socket that is not a file of this process's making (abstract or inherited).
	 * @param listenerName the listener's name
	 * @param address the socket's path or abstract name
	 * @param cause what the operating system or Netty reported
	 * @return the exception
	 */
	public static UdsBindException ofAddress(String listenerName, UdsAddress address, Throwable cause) {
		return new UdsBindException(listenerName, address, null, cause);
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
	 * The path of the socket file this process tried to make.
	 * @return the path, or {@code null} for an abstract or inherited socket
	 */
	public Path getPath() {
		return this.path;
	}

}
