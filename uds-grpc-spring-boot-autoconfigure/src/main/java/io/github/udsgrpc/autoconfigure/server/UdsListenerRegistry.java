package io.github.udsgrpc.autoconfigure.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.github.udsgrpc.autoconfigure.peer.PeerAccessPolicy;
import io.github.udsgrpc.autoconfigure.socket.SocketFileSettings;

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
	 * Listens on the socket at this path.
	 * @param path absolute, or relative to the working directory
	 * @return this registry
	 */
	public UdsListenerRegistry listenUnixSocket(String path) {
		return listenUnixSocket(SocketPaths.resolve(path));
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
		Path absolute = path.toAbsolutePath().normalize();
		UdsListenerOptions listenerOptions = new UdsListenerOptions(String.valueOf(absolute.getFileName()),
				this.defaults, this.peerAccessDefaults);
		options.accept(listenerOptions);
		add(new UdsListener(listenerOptions.getName(), absolute, listenerOptions.getSocketFile(),
				listenerOptions.getServerCustomizer(), listenerOptions.getPeerAccess(), listenerOptions.getServices()));
		return this;
	}

	void add(UdsListener listener) {
		for (UdsListener existing : this.listeners) {
			if (existing.path().equals(listener.path())) {
				throw new IllegalStateException("Two gRPC socket listeners ('" + existing.name() + "' and '"
						+ listener.name() + "') declare the same path " + listener.path());
			}
			if (existing.name().equals(listener.name())) {
				throw new IllegalStateException("Two gRPC socket listeners are named '" + listener.name() + "' ("
						+ existing.path() + " and " + listener.path() + "); give one of them another name");
			}
		}
		this.listeners.add(listener);
	}

	List<UdsListener> getListeners() {
		return List.copyOf(this.listeners);
	}

}
