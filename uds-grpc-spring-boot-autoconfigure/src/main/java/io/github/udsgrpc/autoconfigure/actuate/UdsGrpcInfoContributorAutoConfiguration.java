package io.github.udsgrpc.autoconfigure.actuate;

import io.github.udsgrpc.autoconfigure.server.UdsGrpcServerAutoConfiguration;
import io.github.udsgrpc.boot.actuate.UdsGrpcInfoContributor;
import io.github.udsgrpc.autoconfigure.socket.UdsTransportAutoConfiguration;
import io.github.udsgrpc.server.UdsListeners;
import io.github.udsgrpc.socket.UdsEventLoops;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.autoconfigure.info.InfoContributorAutoConfiguration;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Adds {@code grpc.uds} (listeners, native transport, grpc-java version) to the info endpoint when actuator is
 * present. {@code management.info.udsgrpc.enabled=false} switches it off.
 */
@AutoConfiguration(after = { UdsTransportAutoConfiguration.class, UdsGrpcServerAutoConfiguration.class },
		before = InfoContributorAutoConfiguration.class)
@ConditionalOnClass(InfoContributor.class)
@ConditionalOnBean(UdsEventLoops.class)
@ConditionalOnEnabledInfoContributor("udsgrpc")
public class UdsGrpcInfoContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "udsGrpcInfoContributor")
	UdsGrpcInfoContributor udsGrpcInfoContributor(UdsEventLoops eventLoops, ObjectProvider<UdsListeners> listeners) {
		return new UdsGrpcInfoContributor(eventLoops, listeners.getIfAvailable());
	}

}
