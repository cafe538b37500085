package io.github.udsgrpc.netdevh;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.udsgrpc.client.UdsChannels;
import io.github.udsgrpc.socket.UdsAddress;
import io.grpc.netty.NettyChannelBuilder;
import net.devh.boot.grpc.client.channelfactory.GrpcChannelConfigurer;
import net.devh.boot.grpc.client.channelfactory.NettyChannelFactory;
import net.devh.boot.grpc.client.config.GrpcChannelProperties;
import net.devh.boot.grpc.client.config.GrpcChannelsProperties;
import net.devh.boot.grpc.client.interceptor.GlobalClientInterceptorRegistry;

/**
 * net.devh's Netty channel factory, with socket targets built by the core's {@link UdsChannels}: the shared event
 * loops, plaintext unless the user chose otherwise, {@code localhost} as {@code :authority}, strict parsing of
 * {@code unix:} targets, {@code unix-abstract:} targets (which grpc-java 1.76 has no resolver for), and
 * {@code self:} reaching the application's own socket. Every other target is left to net.devh unchanged, and
 * net.devh's {@code grpc.client.NAME.*} settings and channel configurers apply to socket channels as to any other.
 */
public class UdsChannelFactory extends NettyChannelFactory {

	private static final String SELF_SCHEME = "self";

	private final UdsChannels channels;

	private final ExplicitNegotiationTypes negotiationTypes;

	private final Supplier<Optional<UdsAddress>> selfSocket;

	/**
	 * Creates the factory.
	 * @param properties net.devh's {@code grpc.client.*} properties
	 * @param interceptorRegistry net.devh's global client interceptors
	 * @param channelConfigurers net.devh's channel configurers
	 * @param channels how socket channels are built (event loops, authority, tuning)
	 * @param negotiationTypes the negotiation types the user chose explicitly
	 * @param selfSocket the application's own first socket, for {@code self:} targets
	 */
	public UdsChannelFactory(GrpcChannelsProperties properties, GlobalClientInterceptorRegistry interceptorRegistry,
			List<GrpcChannelConfigurer> channelConfigurers, UdsChannels channels,
			ExplicitNegotiationTypes negotiationTypes, Supplier<Optional<UdsAddress>> selfSocket) {
		super(properties, interceptorRegistry, channelConfigurers);
		this.channels = channels;
		this.negotiationTypes = negotiationTypes;
		this.selfSocket = selfSocket;
	}

	@Override
	protected NettyChannelBuilder newChannelBuilder(String name) {
		Optional<UdsAddress> socket = socketOf(name);
		if (socket.isEmpty()) {
			return super.newChannelBuilder(name);
		}
		try {
			return this.channels.channelBuilder(socket.get());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("gRPC client '" + name + "': " + ex.getMessage(), ex);
		}
	}

	@Override
	protected void configureSecurity(NettyChannelBuilder builder, String name) {
		if (socketOf(name).isPresent() && this.negotiationTypes.of(name) == null) {
			return; // plaintext, as UdsChannels made it: net.devh would choose TLS
		}
		super.configureSecurity(builder, name);
	}

	/**
	 * The socket a client's channel dials, if it dials one.
	 * @param name the client's name
	 * @return the socket file's path or abstract name, or empty for a target that is not a socket
	 */
	public Optional<UdsAddress> socketOf(String name) {
		URI target = targetOf(name);
		if (UdsAddress.isSocketTarget(target)) {
			return Optional.of(UdsAddress.parseTarget(target));
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
