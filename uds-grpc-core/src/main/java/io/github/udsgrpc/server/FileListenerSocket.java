package io.github.udsgrpc.server;

import java.io.IOException;

import io.github.udsgrpc.socket.SocketTransport;
import io.github.udsgrpc.socket.SocketFile;
import io.github.udsgrpc.socket.UdsAddress;
import io.netty.channel.ReflectiveChannelFactory;

/**
 * A socket file, kept by a {@link SocketFile}: checked before bind, bound under a private path, given its mode
 * before a client can connect, and removed at shutdown if still ours.
 */
final class FileListenerSocket implements ListenerSocket {

	private final UdsListener listener;

	private final SocketFile socketFile;

	private final SocketTransport transport;

	FileListenerSocket(UdsListener listener, SocketTransport transport) {
		this.listener = listener;
		this.socketFile = new SocketFile(listener.name(), listener.path(), listener.socketFile());
		this.transport = transport;
	}

	@Override
	public Binding prepare() throws IOException {
		// The private path SocketFile chose: Netty's native transports unlink whatever is at the path they bind, and
		// every transport deletes the path it bound when its channel closes (NIO's and io_uring's whatever is there
		// by then): only the private name, long gone once published, is ever at risk.
		return new Binding(this.transport.channelAddress(UdsAddress.file(this.socketFile.prepare())),
				new ReflectiveChannelFactory<>(this.transport.serverChannelType()));
	}

	@Override
	public void publish() throws IOException {
		this.socketFile.publish();
	}

	@Override
	public boolean isInPlace() {
		return this.socketFile.isInPlace();
	}

	@Override
	public void abandon() {
		this.socketFile.abandon();
	}

	@Override
	public IOException bindFailed(Exception failure) {
		return UdsBindException.ofFile(this.listener.name(), this.listener.path(), failure);
	}

	@Override
	public void release() {
		this.socketFile.remove();
	}

}
