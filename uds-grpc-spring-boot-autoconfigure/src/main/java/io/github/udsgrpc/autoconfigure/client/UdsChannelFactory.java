package io.github.udsgrpc.autoconfigure.client;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.udsgrpc.autoconfigure.socket.NativeTransport;
import io.github.udsgrpc.autoconfigure.socket.SocketPathLimit;
import io.github.udsgrpc.autoconfigure.socket.UdsAddress;
import io.github.udsgrpc.autoconfigure.socket.UdsEventLoops;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.ChannelOption;
import net.devh.boot.grpc.client.channelfactory.GrpcChannelConfigurer;
import net.devh.boot.grpc.client.channelfactory.NettyChannelFactory;
import net.devh.boot.grpc.client.config.GrpcChannelProperties;
import net.devh.boot.grpc.client.config.GrpcChannelsProperties;
import net.devh.boot.grpc.client.interceptor.GlobalClientInterceptorRegistry;

/**
 * net.devh's Netty channel factory, with socket targets done right: the shared event loops, plaintext unless
 * the user chose otherwise, {@code localhost} as {@code :authority}, strict parsing of {@code unix:} targets,
 * {@code unix-abstract:} targets (which grpc-java 1.76 has no resolver for), and
 * {@code self:} reaching the application's own socket. Every other target is left to net.devh unchanged.
 */
public class UdsChannelFactory extends NettyChannelFactory {

	private static final String SELF_SCHEME = "self";

	private final UdsEventLoops eventLoops;

	private final String authority;

	private final ExplicitNegotiationTypes negotiationTypes;

	private final Supplier<Optional<UdsAddress>> selfSocket;

	private final boolean directExecutor;

	private final int flowControlWindow;

	UdsChannelFactory(GrpcChannelsProperties properties, GlobalClientInterceptorRegistry interceptorRegistry,
			List<GrpcChannelConfigurer> channelConfigurers, UdsEventLoops eventLoops, String authority,
			ExplicitNegotiationTypes negotiationTypes, Supplier<Optional<UdsAddress>> selfSocket, boolean directExecutor,
			int flowControlWindow) {
		super(properties, interceptorRegistry, channelConfigurers);
		this.eventLoops = eventLoops;
		this.authority = authority;
		this.negotiationTypes = negotiationTypes;
		this.selfSocket = selfSocket;
		this.directExecutor = directExecutor;
		this.flowControlWindow = flowControlWindow;
	}

	@Override
	protected NettyChannelBuilder newChannelBuilder(String name) {
		Optional<UdsAddress> socket = socketOf(name);
		if (socket.isEmpty()) {
			return super.newChannelBuilder(name);
		}
		if (socket.get().isAbstract() && this.eventLoops.transport() != NativeTransport.EPOLL) {
			throw new IllegalArgumentException("gRPC client '" + name + "' targets abstract socket " + socket.get()
					+ ", but abstract socket names exist only on Linux, and this is " + System.getProperty("os.name"));
		}
		if (socket.get().isAbstract() && socket.get().length() > SocketPathLimit.ABSTRACT_NAME) {
			throw new IllegalArgumentException("gRPC client '" + name + "' targets abstract socket " + socket.get()
					+ ", whose name is " + socket.get().length() + " bytes long; it may be at most "
					+ SocketPathLimit.ABSTRACT_NAME + " bytes");
		}
		NettyChannelBuilder builder = NettyChannelBuilder.forAddress(socket.get().toNettyAddress())
			.channelType(this.eventLoops.clientChannelType())
			.eventLoopGroup(this.eventLoops.group())
			.overrideAuthority(this.authority)
			// grpc-java sets SO_KEEPALIVE on every channel; a domain socket has no such option and Netty would log
			// a warning per connection. A null value removes the option before Netty applies it.
			.withOption(ChannelOption.SO_KEEPALIVE, null);
		if (this.directExecutor) {
			builder.directExecutor(); // grpc.uds.low-latency; a GrpcChannelConfigurer may still set another
		}
		if (this.flowControlWindow > 0) {
			builder.flowControlWindow(this.flowControlWindow);
		}
		return builder;
	}

	@Override
	protected void configureSecurity(NettyChannelBuilder builder, String name) {
		if (socketOf(name).isPresent() && this.negotiationTypes.of(name) == null) {
			builder.negotiationType(io.grpc.netty.NegotiationType.PLAINTEXT);
			return;
		}
		super.configureSecurity(builder, name);
	}

	/**
	 * The socket a client's channel dials, if it dials one.
	 * @param name the client's name
	 * @return the socket file's path or abstract name, or empty for a target that is not a socket
	 */
	Optional<UdsAddress> socketOf(String name) {
		URI target = targetOf(name);
		if (SocketTarget.isSocket(target)) {
			return Optional.of(SocketTarget.address(target));
		}
		if (SELF_SCHEME.equals(target.getScheme())) {
			return this.selfSocket.get();
		}
		return Optional.empty();
	}

	/** The target exactly as net.devh's NettyChannelFactory computes it. */
	private URI targetOf(String name) {
		GrpcChannelProperties channel = getPropertiesFor(name);
		if (channel.getAddress() != null) {
			return channel.getAddress();
		}
		String defaultScheme = getDefaultScheme();
		return URI.create((defaultScheme != null) ? defaultScheme + name : name);
	}

}
