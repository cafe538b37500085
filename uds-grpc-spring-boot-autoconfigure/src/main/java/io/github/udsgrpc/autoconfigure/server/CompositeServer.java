package io.github.udsgrpc.autoconfigure.server;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;

/**
 * Several gRPC servers that start and stop as one: one per socket listener, plus TCP and in-process when kept.
 * grpc-netty cannot put a socket and a TCP port on one server, because a NettyServer has a single channel type;
 * one server per listener also lets each listener have its own settings.
 */
final class CompositeServer extends Server {

	private final List<Server> parts;

	CompositeServer(List<Server> parts) {
		this.parts = List.copyOf(parts);
	}

	@Override
	public Server start() throws IOException {
		List<Server> started = new ArrayList<>();
		for (Server part : this.parts) {
			try {
				part.start();
				started.add(part);
			}
			catch (IOException | RuntimeException ex) {
				// Leave nothing half-started: the sockets bound so far are closed and their files removed.
				started.forEach(Server::shutdownNow);
				throw ex;
			}
		}
		return this;
	}

	@Override
	public int getPort() {
		return this.parts.stream().mapToInt(Server::getPort).filter((port) -> port >= 0)
			.findFirst().orElse(-1);
	}

	@Override
	public List<? extends SocketAddress> getListenSockets() {
		List<SocketAddress> sockets = new ArrayList<>();
		this.parts.forEach((part) -> sockets.addAll(part.getListenSockets()));
		return sockets;
	}

	@Override
	public List<ServerServiceDefinition> getServices() {
		return this.parts.isEmpty() ? List.of() : this.parts.get(0).getServices();
	}

	@Override
	public List<ServerServiceDefinition> getImmutableServices() {
		return this.parts.isEmpty() ? List.of() : this.parts.get(0).getImmutableServices();
	}

	@Override
	public List<ServerServiceDefinition> getMutableServices() {
		return this.parts.isEmpty() ? List.of() : this.parts.get(0).getMutableServices();
	}

	@Override
	public Server shutdown() {
		this.parts.forEach((part) -> part.shutdown());
		return this;
	}

	@Override
	public Server shutdownNow() {
		this.parts.forEach((part) -> part.shutdownNow());
		return this;
	}

	@Override
	public boolean isShutdown() {
		return this.parts.stream().allMatch((part) -> part.isShutdown());
	}

	@Override
	public boolean isTerminated() {
		return this.parts.stream().allMatch((part) -> part.isTerminated());
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
		long deadline = System.nanoTime() + unit.toNanos(timeout);
		for (Server part : this.parts) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0 || !part.awaitTermination(remaining, TimeUnit.NANOSECONDS)) {
				return isTerminated();
			}
		}
		return true;
	}

	@Override
	public void awaitTermination() throws InterruptedException {
		for (Server part : this.parts) {
			part.awaitTermination();
		}
	}

}
