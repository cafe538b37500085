package io.github.udsgrpc.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.github.udsgrpc.peer.PeerAccessPolicy;
import io.github.udsgrpc.socket.SocketFileSettings;
import io.github.udsgrpc.socket.UdsAddress;

/**
 * Collects the sockets the gRPC server listens on, Kestrel-style: {@code listenUnixSocket(path)} once per socket.
 * A Spring Boot application gets one through a {@link UdsListenerConfigurer} bean; {@link UdsServer.Builder} has
 * the same methods. Each listener starts from the registry's defaults, and its options replace them one by one.
 */
public final class UdsListenerRegistry {

	private final List<UdsListener> listeners = new ArrayList<>();

	private final SocketFileSettings defaults;

	private final PeerAccessPolicy peerAccessDefaults;

	private final ConnectionLimits limitsDefaults;

	/**
	 * Creates an empty registry whose listeners start with the {@link ConnectionLimits#DEFAULTS default connection
	 * limits}.
	 * @param defaults the socket file settings each listener starts from
	 * @param peerAccessDefaults the peer access policy each listener starts from
	 */
	public UdsListenerRegistry(SocketFileSettings defaults, PeerAccessPolicy peerAccessDefaults) {
		this(defaults, peerAccessDefaults, ConnectionLimits.DEFAULTS);
	}

	/**
	 * Creates an empty registry.
	 * @param defaults the socket file settings each listener starts from
	 * @param peerAccessDefaults the peer access policy each listener starts from
	 * @param limitsDefaults the connection limits each listener starts from
	 */
	public UdsListenerRegistry(SocketFileSettings defaults, PeerAccessPolicy peerAccessDefaults,
			ConnectionLimits limitsDefaults) {
		this.defaults = defaults;
		this.peerAccessDefaults = peerAccessDefaults;
		this.limitsDefaults = limitsDefaults;
	}

	/**
	 * Listens on the socket at this path, or on the abstract socket of a name written {@code @name} (Linux).
	 * @param path absolute, relative to the working directory, or {@code @name}
	 * @return this registry
	 */
	public UdsListenerRegistry listenUnixSocket(String path) {
		return listenUnixSocket(path, (options) -> {
		});
	}

	/**
	 * Listens on the socket at this path, or on the abstract socket of a name written {@code @name} (Linux), with
	 * these options.
	 * @param path absolute, relative to the working directory, or {@code @name}
	 * @param options sets the listener's options
	 * @return this registry
	 */
	public UdsListenerRegistry listenUnixSocket(String path, Consumer<UdsListenerOptions> options) {
		return listen(UdsAddress.parse(path), options);
	}

	/**
	 * Listens on a name in Linux's abstract namespace: no file, no permissions, so any process in the network
	 * namespace can connect; pair it with peer credential checks.
	 * @param name the name, without {@code @}
	 * @param options sets the listener's options (file mode and group do not apply)
	 * @return this registry
	 */
	public UdsListenerRegistry listenAbstractSocket(String name, Consumer<UdsListenerOptions> options) {
		return listen(UdsAddress.abstractName(name), options);
	}

	/**
	 * Listens on the socket at this path.
	 * @param path absolute, or relative to the working directory
	 * @return this registry
	 */
	public UdsListenerRegistry listenUnixSocket(Path path) {
		return listenUnixSocket(path, (options) -> {
		});
	}

	/**
	 * Listens on the socket at this path with these options.
	 * @param path absolute, or relative to the working directory
	 * @param options sets the listener's options
	 * @return this registry
	 */
	public UdsListenerRegistry listenUnixSocket(Path path, Consumer<UdsListenerOptions> options) {
		return listen(UdsAddress.file(path), options);
	}

	/**
	 * Listens on a socket with these options.
	 * @param address the socket file or abstract name
	 * @param options sets the listener's options
	 * @return this registry
	 * @throws IllegalArgumentException if a file mode or group is set for an abstract socket
	 * @throws IllegalStateException if another listener has the same address or name
	 */
	public UdsListenerRegistry listen(UdsAddress address, Consumer<UdsListenerOptions> options) {
		String defaultName = address.isAbstract() ? address.toString() : String.valueOf(address.path().getFileName());
		UdsListenerOptions listenerOptions = new UdsListenerOptions(defaultName, this.defaults,
				this.peerAccessDefaults, this.limitsDefaults);
		options.accept(listenerOptions);
		if (address.isAbstract() && listenerOptions.isSocketFileCustomized()) {
			throw new IllegalArgumentException("Listener '" + listenerOptions.getName() + "' is on abstract socket "
					+ address + ", which has no file: a file mode or group cannot apply to it");
		}
		return listen(new UdsListener(listenerOptions.getName(), address, listenerOptions.getSocketFile(),
				listenerOptions.getServerCustomizer(), listenerOptions.getPeerAccess(), listenerOptions.getServices(),
				listenerOptions.getLimits()));
	}

	/**
	 * Adds a listener as it is, without the registry's defaults.
	 * @param listener the listener
	 * @return this registry
	 * @throws IllegalStateException if another listener has the same address or name
	 */
	public UdsListenerRegistry listen(UdsListener listener) {
		for (UdsListener existing : this.listeners) {
			if (existing.address().equals(listener.address())) {
				throw new IllegalStateException("Two gRPC socket listeners ('" + existing.name() + "' and '"
						+ listener.name() + "') declare the same " + (listener.address().isAbstract() ? "abstract name " : "path ")
						+ listener.address());
			}
			if (existing.name().equals(listener.name())) {
				throw new IllegalStateException("Two gRPC socket listeners are named '" + listener.name() + "' ("
						+ existing.address() + " and " + listener.address() + "); give one of them another name");
			}
		}
		this.listeners.add(listener);
		return this;
	}

	/**
	 * The listeners declared so far.
	 * @return them, in declaration order
	 */
	public UdsListeners listeners() {
		return new UdsListeners(this.listeners);
	}

}
