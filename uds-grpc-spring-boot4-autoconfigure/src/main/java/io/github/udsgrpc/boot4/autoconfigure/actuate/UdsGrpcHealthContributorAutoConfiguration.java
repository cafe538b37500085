package io.github.udsgrpc.boot4.autoconfigure.actuate;

import io.github.udsgrpc.boot4.autoconfigure.server.UdsGrpcServerAutoConfiguration;
import io.github.udsgrpc.boot4.autoconfigure.server.UdsGrpcServerBesideTcpAutoConfiguration;
import io.github.udsgrpc.springgrpc.UdsGrpcServerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.server.GrpcServerFactory;

/**
 * The {@code udsGrpc} health indicator for the socket listeners, when Spring Boot's health support is present and
 * the application serves on sockets. {@code management.health.udsgrpc.enabled=false} switches it off.
 */
@AutoConfiguration(after = { UdsGrpcServerAutoConfiguration.class, UdsGrpcServerBesideTcpAutoConfiguration.class },
		before = HealthContributorAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, GrpcServerFactory.class })
@ConditionalOnBean(UdsGrpcServerFactory.class)
@ConditionalOnEnabledHealthIndicator("udsgrpc")
public class UdsGrpcHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "udsGrpcHealthIndicator")
	UdsGrpcHealthIndicator udsGrpcHealthIndicator(UdsGrpcServerFactory serverFactory) {
		return new UdsGrpcHealthIndicator(serverFactory);
	}

}
