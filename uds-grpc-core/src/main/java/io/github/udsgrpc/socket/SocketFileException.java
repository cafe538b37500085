package io.github.udsgrpc.socket;

import java.nio.file.Path;

/**
 * Thrown when a socket file cannot be put in place, for a reason the user can act on. Nothing that was at the
 * path before has been changed.
 */
public class SocketFileException extends ListenerSocketException {

	/** What stood in the way. */
	public enum Reason {

		/** The path is longer than the platform allows for a socket. */
		PATH_TOO_LONG,

		/** The parent directory does not exist and may not be created. */
		DIRECTORY_MISSING,

		/** The parent directory could not be created, or is not a directory. */
		DIRECTORY_UNUSABLE,

		/** This process may not create files in the parent directory. */
		DIRECTORY_NOT_WRITABLE,

		/** Something that is not a socket (file, directory, link) is at the path. */
		NOT_A_SOCKET,

		/** A live server answers on the socket at the path. */
		IN_USE,

		/** A socket is at the path and it cannot be told whether a server answers on it. */
		UNKNOWN_SOCKET,

		/** The requested group does not exist or cannot be given to the socket. */
		GROUP,

		/** The socket could not be given its mode or moved into place. */
		PUBLISH

	}

	private final Reason reason;

	/**
	 * Creates the exception.
	 * @param reason what stood in the way
	 * @param listenerName the listener's name
	 * @param path the socket path
	 * @param message the whole explanation
	 * @param cause what the operating system reported, or {@code null}
	 */
	public SocketFileException(Reason reason, String listenerName, Path path, String message, Throwable cause) {
		super(listenerName, UdsAddress.file(path), message, cause);
		this.reason = reason;
	}

	/**
	 * What stood in the way.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * The socket path.
	 * @return the absolute path
	 */
	public Path getPath() {
		return getAddress().path();
	}

}
