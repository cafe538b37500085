package io.github.udsgrpc.autoconfigure.server;

import java.util.List;

import io.github.udsgrpc.autoconfigure.socket.UdsTransportAutoConfiguration;
import io.github.udsgrpc.boot.UdsCallExecution;
import io.github.udsgrpc.boot.UdsGrpcProperties;
import io.github.udsgrpc.boot.UdsGrpcPropertyValues;
import io.github.udsgrpc.boot.condition.ConditionalOnUdsServer;
import io.github.udsgrpc.netdevh.NetDevhServerCustomizer;
import io.github.udsgrpc.netdevh.UdsGrpcServerFactory;
import io.github.udsgrpc.netdevh.UdsGrpcServerLifecycle;
import io.github.udsgrpc.server.UdsListenerConfigurer;
import io.github.udsgrpc.server.UdsListeners;
import io.github.udsgrpc.server.UdsServerBuilderCustomizer;
import io.github.udsgrpc.socket.SocketTuning;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.github.udsgrpc.systemd.InheritedSockets;
import io.grpc.netty.NettyServerBuilder;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerFactoryAutoConfiguration;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import net.devh.boot.grpc.server.serverfactory.GrpcServerConfigurer;
import net.devh.boot.grpc.server.serverfactory.GrpcServerFactory;
import net.devh.boot.grpc.server.serverfactory.GrpcServerLifecycle;
import net.devh.boot.grpc.server.service.GrpcServiceDiscoverer;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Serves the application's {@code @GrpcService}s on Unix domain sockets. It runs before net.devh's server
 * auto-configuration and defines the {@link GrpcServerFactory} and {@link GrpcServerLifecycle}, so net.devh's
 * own TCP server backs off; {@code grpc.uds.keep-tcp=true} brings the TCP port back beside the sockets.
 */
@AutoConfiguration(before = { GrpcServerAutoConfiguration.class, GrpcServerFactoryAutoConfiguration.class },
		after = UdsTransportAutoConfiguration.class)
@ConditionalOnClass({ GrpcServerFactory.class, NettyServerBuilder.class })
@ConditionalOnUdsServer
public class UdsGrpcServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	UdsListeners udsListeners(UdsGrpcProperties properties, ObjectProvider<UdsListenerConfigurer> configurers) {
		return UdsGrpcPropertyValues.listeners(properties, configurers.orderedStream()::iterator);
	}

	@Bean
	@ConditionalOnMissingBean
	UdsCallExecution udsCallExecution(UdsGrpcProperties properties, Environment environment) {
		return UdsCallExecution.of(properties,
				environment.getProperty("spring.threads.virtual.enabled", Boolean.class, false), null);
	}

	@Bean
	@ConditionalOnMissingBean(GrpcServerFactory.class)
	UdsGrpcServerFactory udsGrpcServerFactory(GrpcServerProperties serverProperties,
			GrpcServiceDiscoverer serviceDiscoverer, ObjectProvider<GrpcServerConfigurer> serverConfigurers,
			UdsListeners listeners, UdsEventLoops eventLoops, UdsGrpcProperties properties,
			ObjectProvider<InheritedSockets> inheritedSockets, UdsCallExecution callExecution,
			BeanFactory beanFactory) {
		List<GrpcServerConfigurer> configurers = serverConfigurers.orderedStream().toList();
		SocketTuning tuning = UdsGrpcPropertyValues.tuning(properties);
		// Everything a listener's server builder gets, in order; its own customizer comes last.
		List<UdsServerBuilderCustomizer> customizers = List.of(
				(builder, listener) -> tuning.applyTo(builder), // grpc.uds.low-latency, grpc.uds.flow-control-window
				new NetDevhServerCustomizer(serverProperties, configurers)); // grpc.server.*, GrpcServerConfigurers
		UdsGrpcServerFactory factory = new UdsGrpcServerFactory(serverProperties, configurers, listeners, eventLoops,
				inheritedSockets.getIfAvailable(InheritedSockets::none), customizers, properties.isKeepTcp(),
				callExecution);
		serviceDiscoverer.findGrpcServices().forEach((service) -> {
			factory.addService(service);
			// @NonBlocking is read from the bean's class behind any proxy.
			String beanName = service.getBeanName();
			if (beanName != null && beanFactory.containsBean(beanName)) {
				callExecution.addService(beanFactory.getBean(beanName), service.getDefinition().getServiceDescriptor());
			}
			else {
				callExecution.addService(ClassUtils.getUserClass(service.getBeanClazz()),
						service.getDefinition().getServiceDescriptor());
			}
		});
		return factory;
	}

	@Bean
	@ConditionalOnBean(UdsGrpcServerFactory.class)
	@ConditionalOnMissingBean(GrpcServerLifecycle.class)
	UdsGrpcServerLifecycle udsGrpcServerLifecycle(UdsGrpcServerFactory factory, GrpcServerProperties serverProperties,
			ApplicationEventPublisher eventPublisher) {
		return new UdsGrpcServerLifecycle(factory, serverProperties.getShutdownGracePeriod(), eventPublisher);
	}

}
