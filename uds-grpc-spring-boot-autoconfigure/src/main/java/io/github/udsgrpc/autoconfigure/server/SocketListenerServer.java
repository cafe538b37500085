package io.github.udsgrpc.autoconfigure.server;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;

/**
 * The gRPC server of one socket listener, with its listening socket got ready, put in place and let go of by a
 * {@link ListenerSocket}: a socket file (checked before bind, given its mode before a client can connect, removed
 * at shutdown if still ours), an abstract name, or a socket inherited from systemd.
 */
final class SocketListenerServer extends Server {

	private final UdsListener listener;

	private final ListenerSocket socket;

	private final Function<ListenerSocket, Server> serverForSocket;

	private volatile Server delegate;

	/**
	 * Creates the server; nothing is bound until {@link #start()}.
	 * @param listener the listener
	 * @param socket how the listener gets its listening socket
	 * @param serverForSocket builds the (unstarted) gRPC server that listens on the socket's bind address with its
	 * channel factory
	 */
	SocketListenerServer(UdsListener listener, ListenerSocket socket, Function<ListenerSocket, Server> serverForSocket) {
		this.listener = listener;
		this.socket = socket;
		this.serverForSocket = serverForSocket;
	}

	UdsListener listener() {
		return this.listener;
	}

	@Override
	public synchronized Server start() throws IOException {
		this.socket.prepare();
		Server server;
		try {
			server = this.serverForSocket.apply(this.socket);
			server.start();
		}
		catch (IOException | RuntimeException ex) {
			this.socket.abandon();
			throw this.socket.bindFailed(ex);
		}
		try {
			this.socket.publish();
		}
		catch (IOException ex) {
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
		return List.of(this.listener.address().toNettyAddress());
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
	 * {@code SocketFile.remove()}); no new client could have connected after this point anyway, and a successor may
	 * bind the path at once.
	 */
	@Override
	public Server shutdown() {
		Server server = this.delegate;
		if (server != null) {
			this.socket.release();
			server.shutdown();
		}
		return this;
	}

	@Override
	public Server shutdownNow() {
		Server server = this.delegate;
		if (server != null) {
			this.socket.release();
			server.shutdownNow();
		}
		return this;
	}

	/**
	 * Whether clients can still reach this listener by its address (for health checks).
	 * @return false when its socket file was deleted or replaced
	 */
	boolean isSocketInPlace() {
		return this.socket.isInPlace();
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
