package io.github.udsgrpc.socket;

import java.io.IOException;

/**
 * A socket listener could not listen, for a reason the user can act on. It carries the data (which listener, which
 * address, and in subclasses the reason); its message says it in words for logs and plain-Java callers, and the
 * Spring Boot starters' failure analyzers add what to do. Nothing that was at the address before has been changed.
 */
public abstract class ListenerSocketException extends IOException {

	private final String listenerName;

	private final UdsAddress address;

	/**
	 * Creates the exception.
	 * @param listenerName the listener's name
	 * @param address the socket's path or abstract name
	 * @param message the whole explanation
	 * @param cause what the operating system or Netty reported, or {@code null}
	 */
	protected ListenerSocketException(String listenerName, UdsAddress address, String message, Throwable cause) {
		super(message, cause);
		this.listenerName = listenerName;
		this.address = address;
	}

	/**
	 * The listener that could not listen.
	 * @return its name
	 */
	public String getListenerName() {
		return this.listenerName;
	}

	/**
	 * The socket the listener was to listen on.
	 * @return its path or abstract name
	 */
	public UdsAddress getAddress() {
		return this.address;
	}

}
