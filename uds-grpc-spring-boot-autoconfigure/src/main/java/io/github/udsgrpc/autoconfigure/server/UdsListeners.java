package io.github.udsgrpc.autoconfigure.server;

import java.util.List;
import java.util.Optional;

import io.github.udsgrpc.autoconfigure.peer.PeerAccessPolicy;
import io.github.udsgrpc.autoconfigure.socket.SocketFileSettings;
import io.github.udsgrpc.autoconfigure.socket.UdsAddress;

/**
 * The application's socket listeners: the one of {@code grpc.uds.path} first, then those declared by
 * {@link UdsListenerConfigurer} beans.
 */
public final class UdsListeners {

	private final List<UdsListener> listeners;

	UdsListeners(List<UdsListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Builds the listeners from the properties and the configurers.
	 * @param path the value of {@code grpc.uds.path} (a path, or {@code @name} for an abstract socket), or
	 * {@code null}
	 * @param defaults the socket file settings of {@code grpc.uds.*}, the defaults of every listener
	 * @param configurers the configurer beans, in order
	 * @return the listeners
	 */
	public static UdsListeners of(String path, SocketFileSettings defaults,
			Iterable<UdsListenerConfigurer> configurers) {
		return of(path, defaults, PeerAccessPolicy.open(), configurers);
	}

	/**
	 * Builds the listeners from the properties and the configurers.
	 * @param path the value of {@code grpc.uds.path}, or {@code null}
	 * @param defaults the socket file settings of {@code grpc.uds.*}, the defaults of every listener
	 * @param peerAccessDefaults the peer access policy of {@code grpc.uds.*}, the default of every listener
	 * @param configurers the configurer beans, in order
	 * @return the listeners
	 */
	public static UdsListeners of(String path, SocketFileSettings defaults, PeerAccessPolicy peerAccessDefaults,
			Iterable<UdsListenerConfigurer> configurers) {
		UdsListenerRegistry registry = new UdsListenerRegistry(defaults, peerAccessDefaults);
		if (path != null && !path.isBlank()) {
			registry.listenUnixSocket(path, (options) -> options.name(UdsListener.DEFAULT_NAME));
		}
		configurers.forEach((configurer) -> configurer.configure(registry));
		return new UdsListeners(registry.getListeners());
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
