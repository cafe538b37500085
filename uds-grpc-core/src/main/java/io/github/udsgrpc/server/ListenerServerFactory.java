package io.github.udsgrpc.server;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.peer.PeerAccessInterceptor;
import io.github.udsgrpc.peer.PeerCredentialsNegotiator;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelOption;
import io.netty.channel.ServerChannel;

/**
 * Builds the gRPC server of one listener, on what its {@link ListenerSocket} prepared to bind. Everything the
 * builder gets is here, in this order: the socket (address, channel with its connection admission, the shared event
 * loops, peer credentials read once per connection, the handshake timeout, the calls and connections counted), where
 * service methods run (non-blocking ones on the event loop, the others on the executor), the customizers in their
 * order, the listener's own customizer, its services, and last its peer access check, which so runs first on every
 * call.
 */
final class ListenerServerFactory {

	private final UdsEventLoops eventLoops;

	private final List<UdsServerBuilderCustomizer> customizers;

	private final List<ServerServiceDefinition> services;

	private final CallsInFlight callsInFlight;

	private final NonBlockingMethods nonBlocking;

	private final Executor callExecutor;

	/**
	 * Creates the factory.
	 * @param eventLoops the event loops of every listener
	 * @param customizers the customizers, in order
	 * @param services the services
	 * @param callsInFlight counts the calls
	 * @param nonBlocking the methods that run on the event loop
	 * @param callExecutor runs the other methods; {@code null} leaves the builder's executor as it is (no method
	 * is then non-blocking, or every method is)
	 */
	ListenerServerFactory(UdsEventLoops eventLoops, List<UdsServerBuilderCustomizer> customizers,
			List<ServerServiceDefinition> services, CallsInFlight callsInFlight, NonBlockingMethods nonBlocking,
			Executor callExecutor) {
		this.eventLoops = eventLoops;
		this.customizers = List.copyOf(customizers);
		this.services = List.copyOf(services);
		this.callsInFlight = callsInFlight;
		this.nonBlocking = nonBlocking;
		this.callExecutor = callExecutor;
	}

	/**
	 * Builds the (unstarted) server of a listener.
	 * @param listener the listener
	 * @param binding what its socket prepared to bind
	 * @param connections counts the listener's open connections
	 * @param admission admits the listener's new connections, before grpc-java sees them
	 * @return the server
	 */
	Server newServer(UdsListener listener, ListenerSocket.Binding binding, OpenConnections connections,
			ConnectionAdmission admission) {
		ChannelFactory<? extends ServerChannel> listening = binding.channelFactory();
		NettyServerBuilder builder = NettyServerBuilder.forAddress(binding.address())
			.channelFactory(() -> admission.install(listening.newChannel()))
			.bossEventLoopGroup(this.eventLoops.group())
			.workerEventLoopGroup(this.eventLoops.group())
			// Plaintext, plus the peer's credentials read once per connection into the calls' attributes.
			.protocolNegotiator(new PeerCredentialsNegotiator(this.eventLoops.transport()))
			// grpc-java sets SO_KEEPALIVE on every accepted channel; a domain socket has no such option and Netty
			// would log a warning per connection. A null value removes the option before Netty applies it.
			.withChildOption(ChannelOption.SO_KEEPALIVE, null)
			.handshakeTimeout(listener.limits().handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.addStreamTracerFactory(this.callsInFlight)
			.addTransportFilter(connections);
		placeCalls(builder, listener);
		this.customizers.forEach((customizer) -> customizer.customize(builder, listener));
		listener.serverCustomizer().accept(builder);
		this.services.stream()
			.filter((service) -> listener.serves(service.getServiceDescriptor().getName()))
			.forEach(builder::addService);
		// Added last, so it runs first: a refused peer reaches no other interceptor and no service.
		builder.intercept(new PeerAccessInterceptor(listener.name(), listener.address(), listener.peerAccess()));
		return builder.build();
	}

	/**
	 * Where service methods run, set before the customizers so that an executor one of them sets still wins: every
	 * method on the event loop (grpc-java's direct executor), or non-blocking ones there and the others on the
	 * executor, or, when nothing was chosen, grpc-java's default executor, the builder untouched.
	 */
	private void placeCalls(NettyServerBuilder builder, UdsListener listener) {
		if (this.nonBlocking.isEveryMethod()) {
			builder.directExecutor();
		}
		else if (this.callExecutor != null) {
			new NonBlockingCallExecutorSupplier(listener.name(), this.nonBlocking, this.callExecutor)
				.installOn(builder);
		}
	}

}
