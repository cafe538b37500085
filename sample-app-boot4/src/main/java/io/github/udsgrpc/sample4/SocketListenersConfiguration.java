package io.github.udsgrpc.sample4;

import java.nio.file.Path;

import io.github.udsgrpc.server.UdsListenerConfigurer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the gRPC server's socket in code, the way Kestrel's {@code ListenUnixSocket} does. An application
 * with a fixed path would set {@code grpc.uds.path} (and {@code grpc.uds.same-user-only}) instead and need no code
 * at all. Only processes of this application's own user may call: the kernel reports the caller's uid, and others
 * get PERMISSION_DENIED before the service runs.
 */
@Configuration(proxyBeanMethods = false)
public class SocketListenersConfiguration {

	@Bean
	UdsListenerConfigurer greeterSocket(@Value("${sample.socket-path}") Path socketPath) {
		return (listeners) -> listeners.listenUnixSocket(socketPath,
				(options) -> options.name("greeter")
					.sameUserOnly(true)
					.customizeServer((server) -> server.maxInboundMessageSize(1 << 20)));
	}

}
