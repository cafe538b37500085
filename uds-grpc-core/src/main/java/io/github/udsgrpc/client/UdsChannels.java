package io.github.udsgrpc.client;

import java.util.Objects;

import io.github.udsgrpc.socket.SocketTransport;
import io.github.udsgrpc.socket.SocketTuning;
import io.github.udsgrpc.socket.UdsAddress;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.ChannelOption;

/**
 * Channel builders for socket targets, with what a socket needs and grpc-java gets wrong by default: plaintext
 * (grpc-java would try TLS), {@code localhost} as {@code :authority} (grpc-java would send the socket path, which
 * Micrometer's observation, Kestrel and tonic reject), the transport's channel on shared event loops, and the
 * target read strictly ({@code unix://host/path} is refused instead of being misread).
 *
 * <pre class="code">
 * ManagedChannel channel = UdsChannels.forTarget("unix:/run/orders/grpc.sock").build();
 * </pre>
 *
 * An application that closes its channels and wants their threads gone with them shares its own event loops:
 * {@code UdsChannels.using(eventLoops).channelBuilder(target)}, and closes the event loops after the channels.
 */
public final class UdsChannels {

	/** What gRPC C-core, grpc-go and grpc-js send as {@code :authority} over sockets. */
	public static final String DEFAULT_AUTHORITY = "localhost";

	private final UdsEventLoops eventLoops;

	private final String authority;

	private final SocketTuning tuning;

	private UdsChannels(UdsEventLoops eventLoops, String authority, SocketTuning tuning) {
		this.eventLoops = Objects.requireNonNull(eventLoops, "eventLoops");
		this.authority = Objects.requireNonNull(authority, "authority");
		this.tuning = Objects.requireNonNull(tuning, "tuning");
	}

	/**
	 * A channel builder for a socket target, on the JVM's shared event loops ({@link UdsEventLoops#shared()}).
	 * @param target {@code unix:/absolute/path}, {@code unix:///absolute/path}, {@code unix:relative/path} or
	 * {@code unix-abstract:name}
	 * @return the builder, plaintext, with {@code localhost} as authority
	 * @throws IllegalArgumentException if the target is not a socket target or cannot be used here
	 */
	public static NettyChannelBuilder forTarget(String target) {
		return using(UdsEventLoops.shared()).channelBuilder(target);
	}

	/**
	 * Channel builders on these event loops, with the default authority and grpc-java's default tuning.
	 * @param eventLoops the event loops the channels share
	 * @return the settings
	 */
	public static UdsChannels using(UdsEventLoops eventLoops) {
		return new UdsChannels(eventLoops, DEFAULT_AUTHORITY, SocketTuning.DEFAULTS);
	}

	/**
	 * These settings with another {@code :authority}.
	 * @param authority the value sent as {@code :authority}
	 * @return new settings
	 */
	public UdsChannels authority(String authority) {
		return new UdsChannels(this.eventLoops, authority, this.tuning);
	}

	/**
	 * These settings with a direct executor or a fixed flow-control window.
	 * @param tuning the tuning, the same type a socket server takes
	 * @return new settings
	 */
	public UdsChannels tuning(SocketTuning tuning) {
		return new UdsChannels(this.eventLoops, this.authority, tuning);
	}

	/**
	 * A channel builder for a socket target.
	 * @param target a {@code unix:} or {@code unix-abstract:} target
	 * @return the builder
	 * @throws IllegalArgumentException if the target is not a socket target or cannot be used here
	 */
	public NettyChannelBuilder channelBuilder(String target) {
		return channelBuilder(UdsAddress.parseTarget(target));
	}

	/**
	 * A channel builder for a socket.
	 * @param address the socket's path or abstract name
	 * @return the builder
	 * @throws IllegalArgumentException if the address cannot be used on this platform (an abstract name off Linux,
	 * or longer than {@code sun_path} allows), naming the address and the limit
	 */
	public NettyChannelBuilder channelBuilder(UdsAddress address) {
		address.problemOn(this.eventLoops.transport()).ifPresent((problem) -> {
			throw new IllegalArgumentException("Socket " + address.target() + ": " + problem.description());
		});
		SocketTransport transport = this.eventLoops.transport();
		NettyChannelBuilder builder = NettyChannelBuilder.forAddress(transport.channelAddress(address))
			.channelType(transport.clientChannelType())
			.eventLoopGroup(this.eventLoops.group())
			.overrideAuthority(this.authority)
			.usePlaintext()
			// grpc-java sets SO_KEEPALIVE on every channel; a domain socket has no such option and Netty would log
			// a warning per connection. A null value removes the option before Netty applies it.
			.withOption(ChannelOption.SO_KEEPALIVE, null);
		this.tuning.applyTo(builder);
		return builder;
	}

}
