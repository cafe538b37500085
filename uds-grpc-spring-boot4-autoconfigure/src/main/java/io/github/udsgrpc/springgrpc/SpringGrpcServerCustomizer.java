package io.github.udsgrpc.springgrpc;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.github.udsgrpc.server.UdsListener;
import io.github.udsgrpc.server.UdsServerBuilderCustomizer;
import io.grpc.CompressorRegistry;
import io.grpc.DecompressorRegistry;
import io.grpc.netty.NettyServerBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerExecutorProvider;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerProperties;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.grpc.server.ServerBuilderCustomizer;
import org.springframework.util.unit.DataSize;

/**
 * What Spring Boot 4.1 gives its own gRPC server's builder, given to a socket listener's builder in the same order:
 * the codec registries, the executor of a {@link GrpcServerExecutorProvider} bean, the {@code spring.grpc.server.*}
 * message and keep-alive properties, and every {@link ServerBuilderCustomizer} bean whose type fits a
 * {@code NettyServerBuilder}. Boot's own chain is not public, so it is built again here from the same beans. When
 * some methods are non-blocking or {@code grpc.uds.executor} chose an executor, the executor provider's executor
 * runs the methods that may block instead ({@link io.github.udsgrpc.boot.UdsCallExecution}) and is not set here.
 * {@code spring.grpc.server.ssl.*} is left out: a socket is reached through the file system, so file permissions and
 * the peer's credentials guard it.
 */
public final class SpringGrpcServerCustomizer implements UdsServerBuilderCustomizer {

	private final GrpcServerProperties properties;

	private final @Nullable CompressorRegistry compressorRegistry;

	private final @Nullable DecompressorRegistry decompressorRegistry;

	private final @Nullable GrpcServerExecutorProvider executorProvider;

	private final List<ServerBuilderCustomizer<?>> customizers;

	private final BooleanSupplier executorTakenOver;

	/**
	 * Creates the customizer.
	 * @param properties the {@code spring.grpc.server.*} properties
	 * @param compressorRegistry the compressor registry bean, or {@code null}
	 * @param decompressorRegistry the decompressor registry bean, or {@code null}
	 * @param executorProvider the executor provider bean, or {@code null}
	 * @param customizers the server builder customizer beans, in order
	 */
	public SpringGrpcServerCustomizer(GrpcServerProperties properties, @Nullable CompressorRegistry compressorRegistry,
			@Nullable DecompressorRegistry decompressorRegistry, @Nullable GrpcServerExecutorProvider executorProvider,
			List<ServerBuilderCustomizer<?>> customizers) {
		this(properties, compressorRegistry, decompressorRegistry, executorProvider, customizers, () -> false);
	}

	/**
	 * Creates the customizer.
	 * @param properties the {@code spring.grpc.server.*} properties
	 * @param compressorRegistry the compressor registry bean, or {@code null}
	 * @param decompressorRegistry the decompressor registry bean, or {@code null}
	 * @param executorProvider the executor provider bean, or {@code null}
	 * @param customizers the server builder customizer beans, in order
	 * @param executorTakenOver whether the provider's executor is given to the socket server as the executor of
	 * the methods that may block, rather than set on the builder here
	 */
	public SpringGrpcServerCustomizer(GrpcServerProperties properties, @Nullable CompressorRegistry compressorRegistry,
			@Nullable DecompressorRegistry decompressorRegistry, @Nullable GrpcServerExecutorProvider executorProvider,
			List<ServerBuilderCustomizer<?>> customizers, BooleanSupplier executorTakenOver) {
		this.executorTakenOver = executorTakenOver;
		this.properties = properties;
		this.compressorRegistry = compressorRegistry;
		this.decompressorRegistry = decompressorRegistry;
		this.executorProvider = executorProvider;
		this.customizers = List.copyOf(customizers);
	}

	@Override
	public void customize(NettyServerBuilder builder, UdsListener listener) {
		if (this.compressorRegistry != null) {
			builder.compressorRegistry(this.compressorRegistry);
		}
		if (this.decompressorRegistry != null) {
			builder.decompressorRegistry(this.decompressorRegistry);
		}
		if (this.executorProvider != null && !this.executorTakenOver.getAsBoolean()) {
			builder.executor(this.executorProvider.getExecutor());
		}
		mapProperties(builder);
		applyCustomizerBeans(builder);
	}

	private void mapProperties(NettyServerBuilder builder) {
		PropertyMapper map = PropertyMapper.get();
		GrpcServerProperties.Inbound inbound = this.properties.getInbound();
		map.from(inbound.getMessage()::getMaxSize).as(DataSize::toBytes).as(Math::toIntExact)
			.to(builder::maxInboundMessageSize);
		map.from(inbound.getMetadata()::getMaxSize).as(DataSize::toBytes).as(Math::toIntExact)
			.to(builder::maxInboundMetadataSize);
		GrpcServerProperties.Keepalive keepalive = this.properties.getKeepalive();
		map.from(keepalive::getTime).to(duration(builder::keepAliveTime));
		map.from(keepalive::getTimeout).to(duration(builder::keepAliveTimeout));
		map.from(keepalive.getConnection()::getMaxIdleTime).to(duration(builder::maxConnectionIdle));
		map.from(keepalive.getConnection()::getMaxAge).to(duration(builder::maxConnectionAge));
		map.from(keepalive.getConnection()::getGracePeriod).to(duration(builder::maxConnectionAgeGrace));
		map.from(keepalive.getPermit()::getTime).to(duration(builder::permitKeepAliveTime));
		map.from(keepalive.getPermit()::isWithoutCalls).to(builder::permitKeepAliveWithoutCalls);
	}

	private static Consumer<Duration> duration(BiConsumer<Long, TimeUnit> setter) {
		return (duration) -> setter.accept(duration.toNanos(), TimeUnit.NANOSECONDS);
	}

	@SuppressWarnings("unchecked")
	private void applyCustomizerBeans(NettyServerBuilder builder) {
		LambdaSafe.callbacks(ServerBuilderCustomizer.class, this.customizers, builder)
			.withLogger(SpringGrpcServerCustomizer.class)
			.invoke((customizer) -> customizer.customize(builder));
	}

}
