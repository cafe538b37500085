package io.github.udsgrpc.sample;

import java.nio.file.Path;

import io.github.udsgrpc.autoconfigure.server.UdsListenerConfigurer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the gRPC server's socket in code, the way Kestrel's {@code ListenUnixSocket} does. An application
 * with a fixed path would set {@code grpc.uds.path} instead and need no code at all.
 */
@Configuration(proxyBeanMethods = false)
public class SocketListenersConfiguration {

	@Bean
	UdsListenerConfigurer greeterSocket(@Value("${sample.socket-path}") Path socketPath) {
		return (listeners) -> listeners.listenUnixSocket(socketPath,
				(options) -> options.name("greeter").customizeServer((server) -> server.maxInboundMessageSize(1 << 20)));
	}

}
