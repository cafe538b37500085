package io.github.udsgrpc.autoconfigure.server;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.github.udsgrpc.autoconfigure.socket.SocketFile;
import io.github.udsgrpc.autoconfigure.socket.SocketFileException;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.netty.channel.unix.DomainSocketAddress;

/**
 * The gRPC server of one socket listener, with its socket file kept by a {@link SocketFile}: checked before
 * bind, given its mode before a client can connect, and removed at shutdown if still ours.
 */
final class SocketListenerServer extends Server {

	private final UdsListener listener;

	private final SocketFile socketFile;

	private final Function<Path, Server> serverForBindPath;

	private volatile Server delegate;

	/**
	 * Creates the server; nothing is bound until {@link #start()}.
	 * @param listener the listener
	 * @param serverForBindPath builds the (unstarted) gRPC server that listens on a given path
	 */
	SocketListenerServer(UdsListener listener, Function<Path, Server> serverForBindPath) {
		this.listener = listener;
		this.socketFile = new SocketFile(listener.name(), listener.path(), listener.socketFile());
		this.serverForBindPath = serverForBindPath;
	}

	UdsListener listener() {
		return this.listener;
	}

	SocketFile socketFile() {
		return this.socketFile;
	}

	@Override
	public synchronized Server start() throws IOException {
		Path bindPath = this.socketFile.prepare();
		Server server;
		try {
			server = this.serverForBindPath.apply(bindPath);
			server.start();
		}
		catch (IOException | RuntimeException ex) {
			this.socketFile.abandon();
			throw new UdsBindException(this.listener.name(), this.listener.path(), ex);
		}
		try {
			this.socketFile.publish();
		}
		catch (SocketFileException ex) {
			server.shutdownNow();
			throw ex;
		}
		this.delegate = server;
		return this;
	}

	private Server delegate() {
		Server server = this.delegate;
		if (server == null) {
			throw new IllegalStateException("Socket listener '" + this.listener.name() + "' is not started");
		}
		return server;
	}

	@Override
	public int getPort() {
		return -1;
	}

	@Override
	public List<? extends SocketAddress> getListenSockets() {
		// Netty knows the private path it bound; clients know this one.
		return List.of(new DomainSocketAddress(this.listener.path().toString()));
	}

	@Override
	public List<ServerServiceDefinition> getServices() {
		return delegate().getServices();
	}

	@Override
	public List<ServerServiceDefinition> getImmutableServices() {
		return delegate().getImmutableServices();
	}

	@Override
	public List<ServerServiceDefinition> getMutableServices() {
		return delegate().getMutableServices();
	}

	/**
	 * Removes the socket file, if still ours, then stops accepting connections; calls in flight go on for the grace
	 * period. The file goes first because only while this server still listens can its identity be trusted (see
	 * {@link SocketFile#remove()}); no new client could have connected after this point anyway, and a successor may
	 * bind the path at once.
	 */
	@Override
	public Server shutdown() {
		Server server = this.delegate;
		if (server != null) {
			this.socketFile.remove();
			server.shutdown();
		}
		return this;
	}

	@Override
	public Server shutdownNow() {
		Server server = this.delegate;
		if (server != null) {
			this.socketFile.remove();
			server.shutdownNow();
		}
		return this;
	}

	@Override
	public boolean isShutdown() {
		Server server = this.delegate;
		return server == null || server.isShutdown();
	}

	@Override
	public boolean isTerminated() {
		Server server = this.delegate;
		return server == null || server.isTerminated();
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
		Server server = this.delegate;
		if (server == null) {
			return true;
		}
		return server.awaitTermination(timeout, unit);
	}

	@Override
	public void awaitTermination() throws InterruptedException {
		Server server = this.delegate;
		if (server != null) {
			server.awaitTermination();
		}
	}

}
