package io.github.udsgrpc.autoconfigure.actuate;

import io.github.udsgrpc.autoconfigure.server.UdsGrpcServerAutoConfiguration;
import io.github.udsgrpc.netdevh.UdsGrpcServerFactory;

import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code udsGrpc} health indicator for the socket listeners, when actuator is present and the application
 * serves on sockets. {@code management.health.udsgrpc.enabled=false} switches it off.
 */
@AutoConfiguration(after = UdsGrpcServerAutoConfiguration.class, before = HealthContributorAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(UdsGrpcServerFactory.class)
@ConditionalOnEnabledHealthIndicator("udsgrpc")
public class UdsGrpcHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "udsGrpcHealthIndicator")
	UdsGrpcHealthIndicator udsGrpcHealthIndicator(UdsGrpcServerFactory serverFactory) {
		return new UdsGrpcHealthIndicator(serverFactory);
	}

}
