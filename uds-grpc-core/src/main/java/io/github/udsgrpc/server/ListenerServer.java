package io.github.udsgrpc.server;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;

/**
 * The gRPC server of one socket listener, with its listening socket got ready, put in place and let go of by a
 * {@link ListenerSocket}: a socket file (checked before bind, given its mode before a client can connect, removed
 * at shutdown if still ours), an abstract name, or a socket inherited from systemd.
 */
final class ListenerServer extends Server {

	private final UdsListener listener;

	private final ListenerSocket socket;

	private final ListenerServerFactory serverFactory;

	private final OpenConnections connections = new OpenConnections();

	private final ConnectionAdmission admission;

	private volatile Server delegate;

	/**
	 * Creates the server; nothing is bound until {@link #start()}.
	 * @param listener the listener
	 * @param socket how the listener gets its listening socket
	 * @param serverFactory builds the gRPC server on what the socket prepared
	 */
	ListenerServer(UdsListener listener, ListenerSocket socket, ListenerServerFactory serverFactory) {
		this.listener = listener;
		this.socket = socket;
		this.serverFactory = serverFactory;
		this.admission = new ConnectionAdmission(listener);
	}

	UdsListener listener() {
		return this.listener;
	}

	@Override
	public synchronized Server start() throws IOException {
		ListenerSocket.Binding binding = this.socket.prepare();
		Server server;
		try {
			server = this.serverFactory.newServer(this.listener, binding, this.connections, this.admission);
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

	/**
	 * What this listener is doing, for health checks.
	 * @return its status
	 */
	UdsListenerStatus status() {
		return new UdsListenerStatus(this.listener, !isShutdown(), this.socket.isInPlace(), this.connections.get(),
				this.admission.refused(), this.admission.acceptFailures());
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
	 * Removes the socket file, if still ours, then stops accepting connections; calls in flight go on. The file
	 * goes first because only while this server still listens can its identity be trusted (see
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
