package io.github.udsgrpc.autoconfigure.server;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Path;

import io.github.udsgrpc.autoconfigure.socket.SocketFile;
import io.github.udsgrpc.autoconfigure.socket.UdsEventLoops;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.unix.DomainSocketAddress;

/**
 * A socket file, kept by a {@link SocketFile}: checked before bind, bound under a private path, given its mode
 * before a client can connect, and removed at shutdown if still ours.
 */
final class FileListenerSocket implements ListenerSocket {

	private final UdsListener listener;

	private final SocketFile socketFile;

	private final UdsEventLoops eventLoops;

	private Path bindPath;

	FileListenerSocket(UdsListener listener, UdsEventLoops eventLoops) {
		this.listener = listener;
		this.socketFile = new SocketFile(listener.name(), listener.path(), listener.socketFile());
		this.eventLoops = eventLoops;
	}

	@Override
	public void prepare() throws IOException {
		this.bindPath = this.socketFile.prepare();
	}

	@Override
	public SocketAddress bindAddress() {
		// The private path SocketFile chose: Netty would unlink whatever is at the path it binds.
		return new DomainSocketAddress(this.bindPath.toString());
	}

	@Override
	public ChannelFactory<? extends ServerChannel> channelFactory() {
		return new ReflectiveChannelFactory<>(this.eventLoops.serverChannelType());
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
		return new UdsBindException(this.listener.name(), this.listener.path(), failure);
	}

	@Override
	public void release() {
		this.socketFile.remove();
	}

}
