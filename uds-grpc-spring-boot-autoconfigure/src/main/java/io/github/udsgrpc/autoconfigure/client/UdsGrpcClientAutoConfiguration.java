package io.github.udsgrpc.autoconfigure.client;

import java.util.Optional;

import io.github.udsgrpc.boot.UdsGrpcProperties;
import io.github.udsgrpc.boot.UdsGrpcPropertyValues;
import io.github.udsgrpc.autoconfigure.socket.UdsTransportAutoConfiguration;
import io.github.udsgrpc.client.UdsChannels;
import io.github.udsgrpc.netdevh.ExplicitNegotiationTypes;
import io.github.udsgrpc.netdevh.UdsChannelFactory;
import io.github.udsgrpc.server.UdsListeners;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.grpc.netty.NettyChannelBuilder;
import net.devh.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import net.devh.boot.grpc.client.channelfactory.GrpcChannelConfigurer;
import net.devh.boot.grpc.client.channelfactory.GrpcChannelFactory;
import net.devh.boot.grpc.client.channelfactory.InProcessChannelFactory;
import net.devh.boot.grpc.client.channelfactory.InProcessOrAlternativeChannelFactory;
import net.devh.boot.grpc.client.config.GrpcChannelsProperties;
import net.devh.boot.grpc.client.interceptor.GlobalClientInterceptorRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * Makes {@code @GrpcClient} stubs work over sockets: {@code grpc.client.NAME.address=unix:/path} is all a client
 * needs. It replaces net.devh's channel factory with one that handles socket targets and delegates every other
 * target to net.devh's code, so TCP, DNS, discovery and in-process clients behave as before.
 */
@AutoConfiguration(before = GrpcClientAutoConfiguration.class, after = UdsTransportAutoConfiguration.class)
@ConditionalOnClass({ GrpcChannelFactory.class, NettyChannelBuilder.class })
public class UdsGrpcClientAutoConfiguration {

	@Bean
	@Lazy
	@ConditionalOnMissingBean(GrpcChannelFactory.class)
	GrpcChannelFactory udsGrpcChannelFactory(GrpcChannelsProperties channelsProperties,
			GlobalClientInterceptorRegistry interceptorRegistry, ObjectProvider<GrpcChannelConfigurer> configurers,
			UdsEventLoops eventLoops, UdsGrpcProperties properties, Environment environment,
			ObjectProvider<UdsListeners> listeners) {
		var channelConfigurers = configurers.orderedStream().toList();
		UdsChannels channels = UdsChannels.using(eventLoops)
			.authority(properties.getClient().getAuthority())
			.tuning(UdsGrpcPropertyValues.tuning(properties));
		UdsChannelFactory socketAware = new UdsChannelFactory(channelsProperties, interceptorRegistry,
				channelConfigurers, channels, ExplicitNegotiationTypes.from(environment),
				() -> Optional.ofNullable(listeners.getIfAvailable()).flatMap(UdsListeners::primaryAddress));
		InProcessChannelFactory inProcess = new InProcessChannelFactory(channelsProperties, interceptorRegistry,
				channelConfigurers);
		return new InProcessOrAlternativeChannelFactory(channelsProperties, inProcess, socketAware);
	}

}
