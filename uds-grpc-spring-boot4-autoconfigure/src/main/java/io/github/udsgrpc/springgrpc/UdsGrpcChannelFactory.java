package io.github.udsgrpc.springgrpc;

import java.util.List;

import io.github.udsgrpc.client.UdsChannels;
import io.github.udsgrpc.socket.UdsAddress;
import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;

import org.springframework.core.Ordered;
import org.springframework.grpc.client.ChannelBuilderOptions;
import org.springframework.grpc.client.ClientInterceptorsConfigurer;
import org.springframework.grpc.client.DefaultGrpcChannelFactory;
import org.springframework.grpc.client.GrpcChannelBuilderCustomizer;

/**
 * Spring gRPC's channel factory, for sockets: channels to {@code unix:/path}, {@code unix:///path},
 * {@code unix:relative/path} and {@code unix-abstract:name} targets, written as such or as the target of a channel
 * name ({@code spring.grpc.client.channel.NAME.target}), built by the core's {@link UdsChannels}: plaintext,
 * {@code localhost} as {@code :authority}, the native transport's channel on the application's one group of event
 * loops. Global client interceptors and the channel builder customizers then apply as on Spring Boot's own channels.
 *
 * <p>
 * It comes first ({@link Ordered#HIGHEST_PRECEDENCE}) among the factories Spring Boot's
 * {@code CompositeGrpcChannelFactory} asks, and {@link #supports(String) supports} socket targets only, so every other
 * target stays with Boot's factories. A socket channel is plaintext whatever credentials are configured for it
 * ({@code spring.grpc.client.channel.NAME.ssl.*}, a {@code ChannelCredentialsProvider}): the socket's file
 * permissions and the peer's credentials guard it. Channels are shut down when the factory is destroyed; the event
 * loops are not the factory's, and outlive it.
 */
public class UdsGrpcChannelFactory extends DefaultGrpcChannelFactory<NettyChannelBuilder> implements Ordered {

	private final UdsChannels channels;

	/**
	 * Creates the factory.
	 * @param channels how socket channels are built (event loops, authority, tuning)
	 * @param customizers what every channel's builder gets after its interceptors, in order
	 * @param interceptorsConfigurer applies the global and the per-channel client interceptors
	 */
	public UdsGrpcChannelFactory(UdsChannels channels, List<GrpcChannelBuilderCustomizer<NettyChannelBuilder>> customizers,
			ClientInterceptorsConfigurer interceptorsConfigurer) {
		super(customizers, interceptorsConfigurer);
		this.channels = channels;
	}

	/**
	 * First, so that the composite factory does not hand a socket target to Spring Boot's Netty factory, which
	 * takes any target.
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	/**
	 * Whether a target is a socket once channel names and placeholders are resolved.
	 * @param target a channel name or a target
	 * @return true for a {@code unix:} or {@code unix-abstract:} target
	 */
	@Override
	public boolean supports(String target) {
		return isSocketTarget(this.targets.getTarget(target));
	}

	/**
	 * Creates a channel to a socket target.
	 * @param target a channel name or a socket target
	 * @param options the channel's interceptors, customizer and shutdown grace period
	 * @return the channel, which the factory shuts down when it is destroyed
	 * @throws IllegalArgumentException if the target is not a socket target or cannot be used here (such as a path
	 * longer than a socket path may be), naming the channel, its target and the limit
	 */
	@Override
	public synchronized ManagedChannel createChannel(String target, ChannelBuilderOptions options) {
		try {
			return super.createChannel(target, options);
		}
		catch (UnusableTargetException ex) {
			String resolved = this.targets.getTarget(target);
			String channel = target.equals(resolved) ? "gRPC channel to '" + target + "'"
					: "gRPC channel '" + target + "' (target '" + resolved + "')";
			throw new IllegalArgumentException(channel + ": " + ex.getCause().getMessage(), ex.getCause());
		}
	}

	/**
	 * The channel builder for a socket target, from {@link UdsChannels}. The credentials are not used: a socket
	 * channel is plaintext.
	 */
	@Override
	protected NettyChannelBuilder newChannelBuilder(String target, ChannelCredentials credentials) {
		try {
			return this.channels.channelBuilder(target);
		}
		catch (IllegalArgumentException ex) {
			throw new UnusableTargetException(ex);
		}
	}

	/**
	 * Shuts down the channels this factory made, each within its grace period.
	 */
	@Override
	public synchronized void destroy() {
		super.destroy();
	}

	/**
	 * Whether a target, as resolved, names a socket. The scheme alone decides, so that a socket target written
	 * wrongly comes here and fails with what is wrong, instead of going to a factory that would misread it.
	 * @param target the resolved target
	 * @return true for a {@code unix:} or {@code unix-abstract:} target
	 */
	static boolean isSocketTarget(String target) {
		return hasScheme(target, UdsAddress.SCHEME) || hasScheme(target, UdsAddress.ABSTRACT_SCHEME);
	}

	private static boolean hasScheme(String target, String scheme) {
		return target.length() > scheme.length() && target.charAt(scheme.length()) == ':'
				&& target.regionMatches(true, 0, scheme, 0, scheme.length());
	}

	/** A target {@link UdsChannels} refused, carried out of the superclass to be told with the channel's name. */
	private static final class UnusableTargetException extends RuntimeException {

		UnusableTargetException(IllegalArgumentException cause) {
			super(cause.getMessage(), cause, false, false);
		}

	}

}
