package io.github.udsgrpc.autoconfigure.server;

import java.util.List;

import io.github.udsgrpc.autoconfigure.peer.PeerAccessInterceptor;
import io.github.udsgrpc.autoconfigure.peer.PeerCredentialsNegotiator;
import io.github.udsgrpc.autoconfigure.socket.UdsEventLoops;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.ChannelOption;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import net.devh.boot.grpc.server.serverfactory.GrpcServerConfigurer;
import net.devh.boot.grpc.server.serverfactory.NettyGrpcServerFactory;
import net.devh.boot.grpc.server.service.GrpcServiceDefinition;

/**
 * Builds the gRPC server of one socket listener. It reuses net.devh's Netty factory so that every
 * {@code grpc.server.*} setting (keep-alive, connection age, message limits) and every GrpcServerConfigurer
 * applies to sockets exactly as to TCP, and changes only what differs on a socket.
 */
class SocketServerFactory extends NettyGrpcServerFactory {

	private final UdsListener listener;

	private final UdsEventLoops eventLoops;

	private final List<GrpcServiceDefinition> services;

	private final ListenerSocket socket;

	private final boolean directExecutor;

	private final int flowControlWindow;

	SocketServerFactory(UdsListener listener, ListenerSocket socket, UdsEventLoops eventLoops, boolean directExecutor,
			int flowControlWindow, GrpcServerProperties properties, List<GrpcServerConfigurer> serverConfigurers,
			List<GrpcServiceDefinition> services) {
		super(properties, serverConfigurers);
		this.listener = listener;
		this.socket = socket;
		this.directExecutor = directExecutor;
		this.flowControlWindow = flowControlWindow;
		this.eventLoops = eventLoops;
		this.services = List.copyOf(services);
	}

	@Override
	protected NettyServerBuilder newServerBuilder() {
		return NettyServerBuilder.forAddress(this.socket.bindAddress())
			.channelFactory(this.socket.channelFactory())
			.bossEventLoopGroup(this.eventLoops.group())
			.workerEventLoopGroup(this.eventLoops.group())
			// Plaintext, plus the peer's credentials read once per connection into the calls' attributes.
			.protocolNegotiator(new PeerCredentialsNegotiator(this.eventLoops.transport()))
			// grpc-java sets SO_KEEPALIVE on every accepted channel; a domain socket has no such option and Netty
			// would log a warning per connection. A null value removes the option before Netty applies it.
			.withChildOption(ChannelOption.SO_KEEPALIVE, null);
	}

	@Override
	protected void configure(NettyServerBuilder builder) {
		if (this.directExecutor) {
			// grpc.uds.low-latency: before the configurers, so that one of them may still set an executor.
			builder.directExecutor();
		}
		if (this.flowControlWindow > 0) {
			builder.flowControlWindow(this.flowControlWindow);
		}
		super.configure(builder);
		this.listener.serverCustomizer().accept(builder);
		// Added last, so it runs first: a refused peer reaches no other interceptor and no service.
		builder.intercept(new PeerAccessInterceptor(this.listener.name(), this.listener.address(),
				this.listener.peerAccess()));
	}

	@Override
	protected void configureServices(NettyServerBuilder builder) {
		// net.devh's version logs every service again for each server; UdsGrpcServerFactory logs them once.
		this.services.stream()
			.filter((service) -> this.listener.serves(service.getDefinition().getServiceDescriptor().getName()))
			.forEach((service) -> builder.addService(service.getDefinition()));
	}

	@Override
	protected void configureSecurity(NettyServerBuilder builder) {
		// Plaintext on purpose: a socket is reached through the file system, so file permissions and the peer's
		// credentials guard it. grpc.server.security.* configures TLS for the TCP port only.
	}

	@Override
	public void addService(GrpcServiceDefinition service) {
		throw new UnsupportedOperationException("Services are given to the constructor");
	}

	@Override
	public String getAddress() {
		return this.listener.target();
	}

	@Override
	public int getPort() {
		return -1;
	}

}
