package io.github.udsgrpc.autoconfigure.systemd;

import io.github.udsgrpc.autoconfigure.server.UdsGrpcServerAutoConfiguration;
import io.github.udsgrpc.systemd.InheritedSockets;
import io.netty.channel.unix.Socket;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * systemd socket activation: the listening sockets passed in {@code LISTEN_FDS} are offered to the socket
 * listeners, which adopt the one bound to their own address instead of binding. Off with
 * {@code grpc.uds.socket-activation=false}.
 */
@AutoConfiguration(before = UdsGrpcServerAutoConfiguration.class)
@ConditionalOnClass(Socket.class)
@ConditionalOnProperty(prefix = "grpc.uds", name = "socket-activation", havingValue = "true", matchIfMissing = true)
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
