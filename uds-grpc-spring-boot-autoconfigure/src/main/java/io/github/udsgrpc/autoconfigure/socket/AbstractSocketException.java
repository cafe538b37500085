package io.github.udsgrpc.autoconfigure.socket;

import java.io.IOException;

/**
 * Thrown when a listener cannot listen on a name in Linux's abstract namespace, for a reason the user can act on.
 */
public class AbstractSocketException extends IOException {

	/** What stood in the way. */
	public enum Reason {

		/** Abstract sockets exist on Linux only. */
		NOT_SUPPORTED,

		/** The name is longer than {@code sun_path} can hold. */
		NAME_TOO_LONG,

		/** Another socket is bound to the name. */
		IN_USE,

		/** Binding failed in another way. */
		BIND_FAILED

	}

	private final Reason reason;

	private final UdsAddress address;

	/**
	 * Creates the exception.
	 * @param reason what stood in the way
	 * @param address the abstract socket
	 * @param message the whole explanation
	 * @param cause what the operating system reported, or {@code null}
	 */
	public AbstractSocketException(Reason reason, UdsAddress address, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
		this.address = address;
	}

	/**
	 * What stood in the way.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * The abstract socket.
	 * @return its address
	 */
	public UdsAddress getAddress() {
		return this.address;
	}

}
