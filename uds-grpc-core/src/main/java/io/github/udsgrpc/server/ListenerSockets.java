package io.github.udsgrpc.server;

import io.github.udsgrpc.socket.UdsEventLoops;
import io.github.udsgrpc.systemd.InheritedSockets;

/**
 * Chooses how each listener gets its listening socket: adopted from systemd when a passed socket is bound to the
 * listener's address, else bound to an abstract name, else bound as a socket file.
 */
final class ListenerSockets {

	private final UdsEventLoops eventLoops;

	private final InheritedSockets inherited;

	ListenerSockets(UdsEventLoops eventLoops, InheritedSockets inherited) {
		this.eventLoops = eventLoops;
		this.inherited = inherited;
	}

	ListenerSocket socketFor(UdsListener listener) {
		return this.inherited.claim(listener.address())
			.<ListenerSocket>map((socket) -> new InheritedListenerSocket(listener, socket, this.eventLoops.transport()))
			.orElseGet(() -> listener.address().isAbstract()
					? new AbstractNamespaceListenerSocket(listener, this.eventLoops.transport())
					: new FileListenerSocket(listener, this.eventLoops.transport()));
	}

	/**
	 * Logs the inherited sockets no listener claimed.
	 */
	void reportUnclaimed() {
		this.inherited.reportUnclaimed();
	}

}
