package io.github.udsgrpc.benchmarks.transport;

import io.grpc.ServerBuilder;
import net.devh.boot.grpc.client.channelfactory.GrpcChannelConfigurer;
import net.devh.boot.grpc.server.serverfactory.GrpcServerConfigurer;

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

}
