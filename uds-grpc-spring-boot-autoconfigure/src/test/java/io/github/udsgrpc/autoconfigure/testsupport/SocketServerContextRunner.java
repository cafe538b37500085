package io.github.udsgrpc.autoconfigure.testsupport;

import io.github.udsgrpc.autoconfigure.server.UdsGrpcServerAutoConfiguration;
import io.github.udsgrpc.autoconfigure.socket.UdsTransportAutoConfiguration;
import net.devh.boot.grpc.common.autoconfigure.GrpcCommonCodecAutoConfiguration;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerFactoryAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A context runner with the starter's server auto-configuration beside net.devh's, serving {@link EchoService}, with
 * net.devh's TCP server (when it is on) on an ephemeral loopback port.
 */
public final class SocketServerContextRunner {

	private SocketServerContextRunner() {
	}

	public static ApplicationContextRunner create() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(UdsTransportAutoConfiguration.class,
					UdsGrpcServerAutoConfiguration.class, GrpcCommonCodecAutoConfiguration.class,
					GrpcServerAutoConfiguration.class, GrpcServerFactoryAutoConfiguration.class))
			.withBean(EchoService.class)
			.withPropertyValues("grpc.server.port=0", "grpc.server.address=127.0.0.1");
	}

}
