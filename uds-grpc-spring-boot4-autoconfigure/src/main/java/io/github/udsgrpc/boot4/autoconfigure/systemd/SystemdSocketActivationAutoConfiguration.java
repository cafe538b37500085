package io.github.udsgrpc.boot4.autoconfigure.systemd;

import io.github.udsgrpc.boot4.autoconfigure.server.UdsGrpcServerAutoConfiguration;
import io.github.udsgrpc.boot4.autoconfigure.server.UdsGrpcServerBesideTcpAutoConfiguration;
import io.github.udsgrpc.systemd.InheritedSockets;
import io.netty.channel.unix.Socket;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * systemd socket activation: the listening sockets passed in {@code LISTEN_FDS} are offered to the socket
 * listeners, which adopt the one bound to their own address instead of binding. Off with
 * {@code grpc.uds.socket-activation=false}.
 */
@AutoConfiguration(before = { UdsGrpcServerAutoConfiguration.class, UdsGrpcServerBesideTcpAutoConfiguration.class })
@ConditionalOnClass(Socket.class)
@ConditionalOnBooleanProperty(name = "grpc.uds.socket-activation", matchIfMissing = true)
public class SystemdSocketActivationAutoConfiguration {

	/**
	 * Lazy: the descriptors are taken when the socket server is made, and not at all by an application without
	 * one.
	 */
	@Bean
	@Lazy
	@ConditionalOnMissingBean
	InheritedSockets inheritedSockets() {
		return InheritedSockets.fromEnvironment();
	}

}
