package io.github.udsgrpc.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;

import io.github.udsgrpc.socket.SocketTransport;
import io.github.udsgrpc.systemd.InheritedSocket;

/**
 * A listening socket inherited from systemd, adopted instead of bound. Its file belongs to systemd, which made it
 * before this process started: it is not checked, not given a mode or group, and not removed at shutdown.
 */
final class InheritedListenerSocket implements ListenerSocket {

	private static final System.Logger logger = System.getLogger(InheritedListenerSocket.class.getName());

	private final UdsListener listener;

	private final InheritedSocket socket;

	private final SocketTransport transport;

	InheritedListenerSocket(UdsListener listener, InheritedSocket socket, SocketTransport transport) {
		this.listener = listener;
		this.socket = socket;
		this.transport = transport;
	}

	@Override
	public Binding prepare() throws IOException {
		if (!this.transport.canAdoptInheritedSockets()) {
			throw UdsBindException.ofAddress(this.listener.name(), this.listener.address(),
					new IllegalStateException("systemd passed this socket (" + this.socket.describe() + "), and the "
							+ this.transport.value() + " transport cannot adopt an inherited socket: Netty's io_uring "
							+ "and NIO domain socket channels only use sockets they create. Use the epoll transport "
							+ "(grpc.uds.transport=epoll or auto) with socket activation"));
		}
		// Bound and listening already: the channel answers the bind of its own address without binding.
		return new Binding(this.socket.address().toNettyAddress(), this.socket.channelFactory());
	}

	@Override
	public void publish() {
		logger.log(Level.INFO, "gRPC listener '" + this.listener.name() + "' adopted the socket " + this.socket.address()
				+ " inherited from systemd (" + this.socket.describe() + ") instead of binding it; "
				+ (this.listener.address().isAbstract() ? "" : "its file belongs to systemd and is left as it is, ")
				+ "now and at shutdown");
		if (this.listener.address().isAbstract()) {
			AbstractNamespaceListenerSocket.warnNoPermissions(this.listener);
		}
	}

	@Override
	public boolean isInPlace() {
		// systemd's file has no identity of ours to compare; a deleted file is what can be seen from here.
		return this.listener.address().isAbstract()
				|| Files.exists(this.listener.address().path(), LinkOption.NOFOLLOW_LINKS);
	}

	@Override
	public void abandon() {
		// The descriptor stays systemd's; nothing was made.
	}

	@Override
	public IOException bindFailed(Exception failure) {
		return UdsBindException.ofAddress(this.listener.name(), this.listener.address(), failure);
	}

	@Override
	public void release() {
		// systemd keeps the file and its own copy of the socket.
	}

}
