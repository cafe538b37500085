package io.github.udsgrpc.benchmarks.transport;

import io.grpc.ServerBuilder;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import net.devh.boot.grpc.client.channelfactory.GrpcChannelConfigurer;
import net.devh.boot.grpc.server.serverfactory.GrpcServerConfigurer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The Spring Boot application of the Spring transports: auto-configured from the class path (this starter,
 * net.devh's server and client, no actuator and no web server) and serving {@link BenchService}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(BenchService.class)
public class BenchApplication {

	/**
	 * {@code bench.direct-executor=true}: grpc-java's direct executor on every server and channel, through net.devh's
	 * own extension points, so that TCP can be measured with what {@code grpc.uds.low-latency} does for sockets.
	 */
	@Bean
	@ConditionalOnProperty("bench.direct-executor")
	GrpcServerConfigurer directExecutorServer() {
		return ServerBuilder::directExecutor;
	}

	@Bean
	@ConditionalOnProperty("bench.direct-executor")
	GrpcChannelConfigurer directExecutorChannel() {
		return (builder, name) -> builder.directExecutor();
	}

	/**
	 * {@code bench.disable-retry=true}: grpc-java's retry machinery ({@code RetriableStream}) off on every channel.
	 */
	@Bean
	@ConditionalOnProperty("bench.disable-retry")
	GrpcChannelConfigurer disableRetryChannel() {
		return (builder, name) -> builder.disableRetry();
	}

	/**
	 * {@code bench.allocator=pooled|unpooled|adaptive}: the Netty allocator of every accepted connection and every
	 * channel, instead of grpc-java's own pooled one (see {@link NettyKnobs#allocator}).
	 */
	@Bean
	@ConditionalOnProperty("bench.allocator")
	GrpcServerConfigurer allocatorServer(@Value("${bench.allocator}") String allocator) {
		return childOption(ChannelOption.ALLOCATOR, NettyKnobs.allocator(allocator));
	}

	@Bean
	@ConditionalOnProperty("bench.allocator")
	GrpcChannelConfigurer allocatorChannel(@Value("${bench.allocator}") String allocator) {
		return channelOption(ChannelOption.ALLOCATOR, NettyKnobs.allocator(allocator));
	}

	/** {@code bench.epoll-mode=edge|level}: the epoll mode of every accepted connection and every channel. */
	@Bean
	@ConditionalOnProperty("bench.epoll-mode")
	GrpcServerConfigurer epollModeServer(@Value("${bench.epoll-mode}") String mode) {
		return childOption(EpollChannelOption.EPOLL_MODE, NettyKnobs.epollMode(mode));
	}

	@Bean
	@ConditionalOnProperty("bench.epoll-mode")
	GrpcChannelConfigurer epollModeChannel(@Value("${bench.epoll-mode}") String mode) {
		return channelOption(EpollChannelOption.EPOLL_MODE, NettyKnobs.epollMode(mode));
	}

	/** A Netty option of every connection the servers accept (net.devh's and the starter's are Netty servers). */
	private static <T> GrpcServerConfigurer childOption(ChannelOption<T> option, T value) {
		return (builder) -> ((NettyServerBuilder) builder).withChildOption(option, value);
	}

	/** A Netty option of every channel (net.devh's factory and the starter's make Netty channels). */
	private static <T> GrpcChannelConfigurer channelOption(ChannelOption<T> option, T value) {
		return (builder, name) -> ((NettyChannelBuilder) builder).withOption(option, value);
	}

}
