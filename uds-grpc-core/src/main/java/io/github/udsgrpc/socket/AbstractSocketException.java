package io.github.udsgrpc.socket;

/**
 * Thrown when a listener cannot listen on a name in Linux's abstract namespace, for a reason the user can act on.
 */
public class AbstractSocketException extends ListenerSocketException {

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

	/**
	 * Creates the exception.
	 * @param reason what stood in the way
	 * @param listenerName the listener's name
	 * @param address the abstract socket
	 * @param message the whole explanation
	 * @param cause what the operating system reported, or {@code null}
	 */
	public AbstractSocketException(Reason reason, String listenerName, UdsAddress address, String message,
			Throwable cause) {
		super(listenerName, address, message, cause);
		this.reason = reason;
	}

	/**
	 * What stood in the way.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

}
