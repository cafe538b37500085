package io.github.udsgrpc.boot4.autoconfigure.client;

import java.util.List;

import io.github.udsgrpc.boot.UdsGrpcProperties;
import io.github.udsgrpc.boot.UdsGrpcPropertyValues;
import io.github.udsgrpc.boot4.autoconfigure.socket.UdsTransportAutoConfiguration;
import io.github.udsgrpc.client.UdsChannels;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.github.udsgrpc.springgrpc.SpringGrpcChannelCustomizer;
import io.github.udsgrpc.springgrpc.SpringGrpcChannelTargets;
import io.github.udsgrpc.springgrpc.UdsGrpcChannelFactory;
import io.grpc.CompressorRegistry;
import io.grpc.DecompressorRegistry;
import io.grpc.netty.NettyChannelBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.grpc.client.autoconfigure.CompositeChannelFactoryAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.GrpcChannelFactoryCustomizer;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientDefaultServiceConfigCustomizer;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.grpc.client.ClientInterceptorsConfigurer;
import org.springframework.grpc.client.GrpcChannelBuilderCustomizer;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * Makes Spring Boot 4.1's gRPC clients work over sockets: {@code spring.grpc.client.channel.NAME.target=unix:/path}
 * is all a channel needs, for stubs of {@code @ImportGrpcClients} as for {@code GrpcChannelFactory.createChannel}.
 * It adds a socket channel factory beside Spring Boot's own, which stay for every other target: it runs after Boot's
 * client auto-configuration, so that Boot's Netty factory does not see it and stays, and before Boot's composite
 * factory, which then asks the socket factory first. Off with {@code spring.grpc.client.enabled=false} or
 * {@code spring.grpc.client.channelfactory.enabled=false}, as Spring Boot's own factories are.
 */
@AutoConfiguration(after = { GrpcClientAutoConfiguration.class, UdsTransportAutoConfiguration.class },
		before = CompositeChannelFactoryAutoConfiguration.class)
@ConditionalOnClass({ GrpcChannelFactory.class, GrpcClientProperties.class, NettyChannelBuilder.class })
@ConditionalOnBooleanProperty(name = "spring.grpc.client.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "spring.grpc.client.channelfactory.enabled", matchIfMissing = true)
@ConditionalOnBean({ UdsEventLoops.class, ClientInterceptorsConfigurer.class })
@EnableConfigurationProperties(GrpcClientProperties.class)
public class UdsGrpcClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(UdsGrpcChannelFactory.class)
	UdsGrpcChannelFactory udsGrpcChannelFactory(UdsEventLoops eventLoops, UdsGrpcProperties properties,
			GrpcClientProperties clientProperties, Environment environment,
			ClientInterceptorsConfigurer interceptorsConfigurer, ObjectProvider<CompressorRegistry> compressorRegistry,
			ObjectProvider<DecompressorRegistry> decompressorRegistry,
			ObjectProvider<GrpcChannelBuilderCustomizer<?>> channelBuilderCustomizers,
			ObjectProvider<GrpcClientDefaultServiceConfigCustomizer> serviceConfigCustomizers,
			ObjectProvider<GrpcChannelFactoryCustomizer> factoryCustomizers) {
		UdsChannels channels = UdsChannels.using(eventLoops) // the context's event loops, closed with it
			.authority(properties.getClient().getAuthority()) // grpc.uds.client.authority
			.tuning(UdsGrpcPropertyValues.tuning(properties)); // grpc.uds.low-latency, grpc.uds.flow-control-window
		// spring.grpc.client.channel.NAME.*, codec registries, customizer beans: what Boot's own channels get.
		SpringGrpcChannelCustomizer springGrpc = new SpringGrpcChannelCustomizer(clientProperties,
				compressorRegistry.getIfAvailable(), decompressorRegistry.getIfAvailable(),
				channelBuilderCustomizers.orderedStream().toList(), serviceConfigCustomizers.orderedStream().toList());
		UdsGrpcChannelFactory factory = new UdsGrpcChannelFactory(channels, List.of(springGrpc),
				interceptorsConfigurer);
		factory.setVirtualTargets(new SpringGrpcChannelTargets(environment, clientProperties));
		factoryCustomizers.orderedStream().forEach((customizer) -> customizer.customize(factory));
		return factory;
	}

}
