package io.github.udsgrpc.autoconfigure.socket;

import io.github.udsgrpc.boot.UdsGrpcProperties;
import io.github.udsgrpc.boot.UdsGrpcPropertyValues;
import io.github.udsgrpc.socket.UdsEventLoops;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The event loops that socket servers and socket clients share, of the transport {@code grpc.uds.transport} names,
 * closed with the context, and the
 * {@code grpc.uds.*} properties.
 */
@AutoConfiguration
@ConditionalOnClass(name = { "io.netty.channel.unix.DomainSocketAddress", "io.grpc.netty.NettyServerBuilder" })
@EnableConfigurationProperties(UdsGrpcProperties.class)
public class UdsTransportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	UdsEventLoops udsEventLoops(UdsGrpcProperties properties) {
		return new UdsEventLoops(UdsGrpcPropertyValues.eventLoopThreads(properties),
				UdsGrpcPropertyValues.transport(properties));
	}

}
