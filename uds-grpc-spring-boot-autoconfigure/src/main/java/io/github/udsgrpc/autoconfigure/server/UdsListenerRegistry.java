package io.github.udsgrpc.autoconfigure.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.github.udsgrpc.autoconfigure.peer.PeerAccessPolicy;
import io.github.udsgrpc.autoconfigure.socket.SocketFileSettings;
import io.github.udsgrpc.autoconfigure.socket.UdsAddress;

/**
 * Collects the sockets the gRPC server listens on, Kestrel-style: {@code listenUnixSocket(path)} once per socket.
 * An application gets one through a {@link UdsListenerConfigurer} bean.
 */
public final class UdsListenerRegistry {

	private final List<UdsListener> listeners = new ArrayList<>();

	private final SocketFileSettings defaults;

	private final PeerAccessPolicy peerAccessDefaults;

	UdsListenerRegistry(SocketFileSettings defaults, PeerAccessPolicy peerAccessDefaults) {
		this.defaults = defaults;
		this.peerAccessDefaults = peerAccessDefaults;
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

	private UdsListenerRegistry listen(UdsAddress address, Consumer<UdsListenerOptions> options) {
		String defaultName = address.isAbstract() ? address.toString() : String.valueOf(address.path().getFileName());
		UdsListenerOptions listenerOptions = new UdsListenerOptions(defaultName, this.defaults,
				this.peerAccessDefaults);
		options.accept(listenerOptions);
		if (address.isAbstract() && listenerOptions.isSocketFileCustomized()) {
			throw new IllegalArgumentException("Listener '" + listenerOptions.getName() + "' is on abstract socket "
					+ address + ", which has no file: a file mode or group cannot apply to it");
		}
		add(new UdsListener(listenerOptions.getName(), address, listenerOptions.getSocketFile(),
				listenerOptions.getServerCustomizer(), listenerOptions.getPeerAccess(), listenerOptions.getServices()));
		return this;
	}

	void add(UdsListener listener) {
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
	}

	List<UdsListener> getListeners() {
		return List.copyOf(this.listeners);
	}

}
