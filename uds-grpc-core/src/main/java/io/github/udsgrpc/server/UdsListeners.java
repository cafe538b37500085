package io.github.udsgrpc.server;

import java.util.List;
import java.util.Optional;

import io.github.udsgrpc.socket.UdsAddress;

/**
 * The sockets a server listens on, in declaration order; in the Spring Boot starters the one of
 * {@code grpc.uds.path} first, then those declared by {@link UdsListenerConfigurer} beans.
 */
public final class UdsListeners {

	private final List<UdsListener> listeners;

	UdsListeners(List<UdsListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * All listeners, in declaration order.
	 * @return the listeners
	 */
	public List<UdsListener> asList() {
		return this.listeners;
	}

	/**
	 * The socket that {@code self:} client targets reach: the first listener's.
	 * @return its address, or empty when there is no listener
	 */
	public Optional<UdsAddress> primaryAddress() {
		return this.listeners.stream().findFirst().map(UdsListener::address);
	}

}
