package io.github.udsgrpc.autoconfigure.actuate;

import io.github.udsgrpc.autoconfigure.server.UdsGrpcServerAutoConfiguration;
import io.github.udsgrpc.boot.actuate.SocketListenerMetrics;
import io.github.udsgrpc.netdevh.UdsGrpcServerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The socket listeners' connection meters ({@code grpc.uds.connections}, {@code grpc.uds.connections.max},
 * {@code grpc.uds.connections.refused}, {@code grpc.uds.accept.failures}), when the application has Micrometer's
 * registry through actuator and serves on sockets. Spring Boot binds the {@link MeterBinder} to its registry.
 */
@AutoConfiguration(after = { UdsGrpcServerAutoConfiguration.class, MetricsAutoConfiguration.class,
		CompositeMeterRegistryAutoConfiguration.class })
@ConditionalOnClass({ MeterBinder.class, MetricsAutoConfiguration.class })
@ConditionalOnBean({ UdsGrpcServerFactory.class, MeterRegistry.class })
public class UdsGrpcMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "udsGrpcSocketListenerMetrics")
	SocketListenerMetrics udsGrpcSocketListenerMetrics(UdsGrpcServerFactory serverFactory) {
		return new SocketListenerMetrics(serverFactory.getListeners(), serverFactory::getListenerStatuses);
	}

}
