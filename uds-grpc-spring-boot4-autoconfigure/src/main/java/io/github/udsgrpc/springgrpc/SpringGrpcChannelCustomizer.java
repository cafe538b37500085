package io.github.udsgrpc.springgrpc;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.grpc.CompressorRegistry;
import io.grpc.DecompressorRegistry;
import io.grpc.netty.NettyChannelBuilder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientDefaultServiceConfigCustomizer;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientProperties;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientProperties.Channel;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.grpc.client.GrpcChannelBuilderCustomizer;
import org.springframework.grpc.client.interceptor.DefaultDeadlineSetupClientInterceptor;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * What Spring Boot 4.1 gives its own channels' builders, given to a socket channel's builder in the same order: the
 * codec registries, the {@code spring.grpc.client.channel.NAME.*} properties (of the channel, else of the
 * {@code default} channel), every {@link GrpcChannelBuilderCustomizer} bean whose type fits a
 * {@code NettyChannelBuilder}, and the default service config of the properties and of the
 * {@link GrpcClientDefaultServiceConfigCustomizer} beans. Boot's own chain is not public, so it is built again here
 * from the same beans.
 *
 * <p>
 * Two properties do not apply to a socket: {@code default.load-balancing-policy}, as a socket is one address (Boot
 * skips it for {@code unix:} targets; so does this for {@code unix-abstract:} targets), and {@code ssl.*}: a socket
 * channel is plaintext, and the socket's file permissions and the peer's credentials guard it. A channel whose own
 * {@code ssl.*} asks for TLS is logged as a warning.
 */
public final class SpringGrpcChannelCustomizer implements GrpcChannelBuilderCustomizer<NettyChannelBuilder> {

	private static final Log logger = LogFactory.getLog(SpringGrpcChannelCustomizer.class);

	private static final String DEFAULT_CHANNEL = "default";

	private static final Channel STOCK_DEFAULT_CHANNEL = new Channel();

	private static final String HEALTH_CHECK_CONFIG_KEY = "healthCheckConfig";

	private static final String HEALTH_CHECK_SERVICE_NAME_KEY = "serviceName";

	private final GrpcClientProperties properties;

	private final @Nullable CompressorRegistry compressorRegistry;

	private final @Nullable DecompressorRegistry decompressorRegistry;

	private final List<GrpcChannelBuilderCustomizer<?>> customizers;

	private final List<GrpcClientDefaultServiceConfigCustomizer> serviceConfigCustomizers;

	/**
	 * Creates the customizer.
	 * @param properties the {@code spring.grpc.client.*} properties
	 * @param compressorRegistry the compressor registry bean, or {@code null}
	 * @param decompressorRegistry the decompressor registry bean, or {@code null}
	 * @param customizers the channel builder customizer beans, in order
	 * @param serviceConfigCustomizers the default service config customizer beans, in order
	 */
	public SpringGrpcChannelCustomizer(GrpcClientProperties properties, @Nullable CompressorRegistry compressorRegistry,
			@Nullable DecompressorRegistry decompressorRegistry, List<GrpcChannelBuilderCustomizer<?>> customizers,
			List<GrpcClientDefaultServiceConfigCustomizer> serviceConfigCustomizers) {
		this.properties = properties;
		this.compressorRegistry = compressorRegistry;
		this.decompressorRegistry = decompressorRegistry;
		this.customizers = List.copyOf(customizers);
		this.serviceConfigCustomizers = List.copyOf(serviceConfigCustomizers);
	}

	/**
	 * Customizes a socket channel's builder.
	 * @param target the target the channel was asked for: a channel name, or a target as written
	 * @param builder the builder
	 */
	@Override
	public void customize(String target, NettyChannelBuilder builder) {
		if (this.compressorRegistry != null) {
			builder.compressorRegistry(this.compressorRegistry);
		}
		if (this.decompressorRegistry != null) {
			builder.decompressorRegistry(this.decompressorRegistry);
		}
		mapProperties(target, builder);
		applyCustomizerBeans(target, builder);
		applyDefaultServiceConfig(target, builder);
	}

	private void mapProperties(String target, NettyChannelBuilder builder) {
		Channel channel = channel(target);
		warnIfTlsIsAskedFor(target);
		PropertyMapper map = PropertyMapper.get();
		map.from(channel::getUserAgent).to(builder::userAgent);
		map.from(channel.getInbound().getMessage()::getMaxSize).as(this::maxSize).to(builder::maxInboundMessageSize);
		map.from(channel.getInbound().getMetadata()::getMaxSize).as(this::maxSize).to(builder::maxInboundMetadataSize);
		map.from(channel.getDefault()::getDeadline)
			.when((deadline) -> deadline.toMillis() > 0L)
			.as(DefaultDeadlineSetupClientInterceptor::new)
			.to(builder::intercept);
		map.from(channel.getIdle()::getTimeout).to(duration(builder::idleTimeout));
		map.from(channel.getKeepalive()::getTime).to(duration(builder::keepAliveTime));
		map.from(channel.getKeepalive()::getTimeout).to(duration(builder::keepAliveTimeout));
		map.from(channel.getKeepalive()::isWithoutCalls).to(builder::keepAliveWithoutCalls);
	}

	/** The channel's own properties, else the {@code default} channel's, else the stock ones, as Boot looks them up. */
	private Channel channel(String target) {
		Channel channel = this.properties.getChannel().get(target);
		channel = (channel != null) ? channel : this.properties.getChannel().get(DEFAULT_CHANNEL);
		return (channel != null) ? channel : STOCK_DEFAULT_CHANNEL;
	}

	private void warnIfTlsIsAskedFor(String target) {
		Channel own = this.properties.getChannel().get(target);
		if (own != null && (Boolean.TRUE.equals(own.getSsl().getEnabled()) || own.getSsl().getBundle() != null)) {
			logger.warn("spring.grpc.client.channel." + target + ".ssl.* is not applied: channel '" + target
					+ "' dials a Unix socket, which is plaintext; the socket's file permissions and the peer's "
					+ "credentials guard it");
		}
	}

	private static Consumer<Duration> duration(BiConsumer<Long, TimeUnit> setter) {
		return (duration) -> setter.accept(duration.toNanos(), TimeUnit.NANOSECONDS);
	}

	/** As Boot reads a size: {@code -1} and anything over 2 GiB are no limit. */
	private int maxSize(DataSize maxSize) {
		long bytes = maxSize.toBytes();
		Assert.state(bytes >= 0 || bytes == -1, () -> "Unsupported max size value " + maxSize);
		return (bytes >= 0 && bytes <= Integer.MAX_VALUE) ? (int) bytes : Integer.MAX_VALUE;
	}

	@SuppressWarnings("unchecked")
	private void applyCustomizerBeans(String target, NettyChannelBuilder builder) {
		LambdaSafe.callbacks(GrpcChannelBuilderCustomizer.class, this.customizers, builder)
			.withLogger(SpringGrpcChannelCustomizer.class)
			.invoke((customizer) -> customizer.customize(target, builder));
	}

	private void applyDefaultServiceConfig(String target, NettyChannelBuilder builder) {
		Map<String, Object> serviceConfig = new LinkedHashMap<>();
		Channel channel = this.properties.getChannel().get(target);
		channel = (channel != null) ? channel : this.properties.getChannel().get(DEFAULT_CHANNEL);
		if (channel != null) {
			if (channel.getServiceConfig() != null) {
				channel.getServiceConfig().applyTo(serviceConfig);
			}
			applyHealthCheck(channel.getHealth(), serviceConfig);
		}
		this.serviceConfigCustomizers.forEach((customizer) -> customizer.customize(target, serviceConfig));
		if (!serviceConfig.isEmpty()) {
			builder.defaultServiceConfig(serviceConfig);
		}
	}

	@SuppressWarnings("unchecked")
	private static void applyHealthCheck(Channel.Health health, Map<String, Object> serviceConfig) {
		if (!health.isEnabled()) {
			return;
		}
		String serviceName = (health.getServiceName() != null) ? health.getServiceName() : "";
		Map<String, Object> existing = (Map<String, Object>) serviceConfig.get(HEALTH_CHECK_CONFIG_KEY);
		Map<String, Object> healthCheckConfig = new LinkedHashMap<>(
				(existing != null) ? existing : Collections.emptyMap());
		Object existingServiceName = healthCheckConfig.get(HEALTH_CHECK_SERVICE_NAME_KEY);
		Assert.state(existingServiceName == null || serviceName.equals(existingServiceName),
				() -> "Unable to change health check config service name from '%s' to '%s'"
					.formatted(existingServiceName, serviceName));
		healthCheckConfig.put(HEALTH_CHECK_SERVICE_NAME_KEY, serviceName);
		serviceConfig.put(HEALTH_CHECK_CONFIG_KEY, healthCheckConfig);
	}

}
