package io.github.udsgrpc.server;

import java.io.IOException;

import io.github.udsgrpc.socket.NativeTransport;
import io.github.udsgrpc.socket.SocketFile;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.channel.unix.DomainSocketAddress;

/**
 * A socket file, kept by a {@link SocketFile}: checked before bind, bound under a private path, given its mode
 * before a client can connect, and removed at shutdown if still ours.
 */
final class FileListenerSocket implements ListenerSocket {

	private final UdsListener listener;

	private final SocketFile socketFile;

	private final NativeTransport transport;

	FileListenerSocket(UdsListener listener, NativeTransport transport) {
		this.listener = listener;
		this.socketFile = new SocketFile(listener.name(), listener.path(), listener.socketFile());
		this.transport = transport;
	}

	@Override
	public Binding prepare() throws IOException {
		// The private path SocketFile chose: Netty would unlink whatever is at the path it binds.
		return new Binding(new DomainSocketAddress(this.socketFile.prepare().toString()),
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
