package io.github.udsgrpc.boot4.autoconfigure.server;

import java.util.List;

import io.github.udsgrpc.boot.UdsCallExecution;
import io.github.udsgrpc.boot.UdsGrpcProperties;
import io.github.udsgrpc.boot.UdsGrpcPropertyValues;
import io.github.udsgrpc.server.UdsListenerConfigurer;
import io.github.udsgrpc.server.UdsListeners;
import io.github.udsgrpc.server.UdsServerBuilderCustomizer;
import io.github.udsgrpc.socket.SocketTuning;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.github.udsgrpc.springgrpc.SpringGrpcServerCustomizer;
import io.github.udsgrpc.springgrpc.UdsGrpcServerFactory;
import io.github.udsgrpc.springgrpc.UdsGrpcServerLifecycle;
import io.github.udsgrpc.systemd.InheritedSockets;
import io.grpc.CompressorRegistry;
import io.grpc.DecompressorRegistry;
import io.grpc.ServerServiceDefinition;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerExecutorProvider;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerFactoryCustomizer;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.grpc.server.ServerBuilderCustomizer;
import org.springframework.grpc.server.service.GrpcServiceConfigurer;
import org.springframework.grpc.server.service.GrpcServiceDiscoverer;

/**
 * The socket server's beans, the same whether Spring Boot's own TCP server is off (the default) or kept beside it
 * ({@code grpc.uds.keep-tcp=true}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GrpcServerProperties.class)
class UdsGrpcServerConfiguration {

	@Bean
	@ConditionalOnMissingBean
	UdsListeners udsListeners(UdsGrpcProperties properties, ObjectProvider<UdsListenerConfigurer> configurers) {
		return UdsGrpcPropertyValues.listeners(properties, configurers.orderedStream()::iterator);
	}

	@Bean
	@ConditionalOnMissingBean
	UdsCallExecution udsCallExecution(UdsGrpcProperties properties, Environment environment,
			ObjectProvider<GrpcServerExecutorProvider> executorProvider) {
		GrpcServerExecutorProvider provider = executorProvider.getIfAvailable();
		return UdsCallExecution.of(properties,
				environment.getProperty("spring.threads.virtual.enabled", Boolean.class, false),
				(provider != null) ? provider::getExecutor : null);
	}

	@Bean
	@ConditionalOnMissingBean
	UdsGrpcServerFactory udsGrpcServerFactory(UdsListeners listeners, UdsEventLoops eventLoops,
			UdsGrpcProperties properties, GrpcServerProperties serverProperties, UdsCallExecution callExecution,
			ObjectProvider<InheritedSockets> inheritedSockets, ObjectProvider<CompressorRegistry> compressorRegistry,
			ObjectProvider<DecompressorRegistry> decompressorRegistry,
			ObjectProvider<GrpcServerExecutorProvider> executorProvider,
			ObjectProvider<ServerBuilderCustomizer<?>> serverBuilderCustomizers,
			ObjectProvider<GrpcServiceDiscoverer> serviceDiscoverer,
			ObjectProvider<GrpcServiceConfigurer> serviceConfigurer,
			ObjectProvider<GrpcServerFactoryCustomizer> factoryCustomizers) {
		SocketTuning tuning = UdsGrpcPropertyValues.tuning(properties);
		// Everything a listener's server builder gets, in order; its own customizer comes last.
		List<UdsServerBuilderCustomizer> customizers = List.of(
				(builder, listener) -> tuning.applyTo(builder), // grpc.uds.low-latency, grpc.uds.flow-control-window
				new SpringGrpcServerCustomizer(serverProperties, compressorRegistry.getIfAvailable(),
						decompressorRegistry.getIfAvailable(), executorProvider.getIfAvailable(),
						serverBuilderCustomizers.orderedStream().toList(), // spring.grpc.server.*, customizer beans
						callExecution::splitsCalls)); // the executor provider's executor, unless given to callExecution
		UdsGrpcServerFactory factory = new UdsGrpcServerFactory(listeners, eventLoops,
				inheritedSockets.getIfAvailable(InheritedSockets::none), customizers, callExecution);
		factoryCustomizers.orderedStream().forEach((customizer) -> customizer.customize(factory));
		GrpcServiceDiscoverer discoverer = serviceDiscoverer.getIfAvailable();
		GrpcServiceConfigurer configurer = serviceConfigurer.getIfAvailable();
		if (discoverer != null && configurer != null) {
			discoverer.findServices().forEach((spec) -> {
				ServerServiceDefinition service = configurer.configure(spec, factory);
				factory.addService(service);
				// @NonBlocking is read from the bean's class behind any proxy.
				callExecution.addService(AopUtils.getTargetClass(spec.service()), service.getServiceDescriptor());
			});
		}
		return factory;
	}

	@Bean
	@ConditionalOnMissingBean(name = "udsGrpcServerLifecycle")
	UdsGrpcServerLifecycle udsGrpcServerLifecycle(UdsGrpcServerFactory factory, GrpcServerProperties serverProperties,
			ApplicationEventPublisher eventPublisher) {
		return new UdsGrpcServerLifecycle(factory, serverProperties.getShutdown().getGracePeriod(), eventPublisher);
	}

}
