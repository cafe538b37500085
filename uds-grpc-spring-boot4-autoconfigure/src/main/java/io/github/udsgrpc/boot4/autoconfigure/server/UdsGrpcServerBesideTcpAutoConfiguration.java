package io.github.udsgrpc.boot4.autoconfigure.server;

import java.util.List;

import io.github.udsgrpc.boot.UdsGrpcServerStartedEvent;
import io.github.udsgrpc.boot.condition.ConditionalOnUdsServer;
import io.github.udsgrpc.boot4.autoconfigure.socket.UdsTransportAutoConfiguration;
import io.github.udsgrpc.server.UdsListener;
import io.grpc.netty.NettyServerBuilder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.grpc.server.GrpcServerFactory;

/**
 * With {@code grpc.uds.keep-tcp=true}: serves the application's gRPC services on Unix domain sockets beside Spring
 * Boot's own TCP server ({@code spring.grpc.server.address}, {@code port}, {@code ssl.*}), which stays as Boot
 * configures it. It runs after Spring Boot's gRPC server auto-configuration, whose TCP server so does not see the
 * socket server's factory. When the socket server starts, a WARN line names the socket listeners whose peer checks
 * the TCP port does not have.
 */
@AutoConfiguration(after = { GrpcServerAutoConfiguration.class, UdsTransportAutoConfiguration.class },
		beforeName = "org.springframework.boot.grpc.server.autoconfigure.security.GrpcServerSecurityAutoConfiguration")
@ConditionalOnClass({ GrpcServerFactory.class, NettyServerBuilder.class })
@ConditionalOnBooleanProperty(name = "spring.grpc.server.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "spring.grpc.server.factory.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "grpc.uds.keep-tcp")
@ConditionalOnUdsServer
@Import(UdsGrpcServerConfiguration.class)
public class UdsGrpcServerBesideTcpAutoConfiguration {

	@Bean
	static TcpBypassWarning udsGrpcTcpBypassWarning() {
		return new TcpBypassWarning();
	}

	/**
	 * Warns, as on the Boot 3.5 line, that the TCP port serves the services of socket listeners that check their
	 * peers without those checks: TCP has no peer credentials.
	 */
	static class TcpBypassWarning implements ApplicationListener<UdsGrpcServerStartedEvent> {

		private static final Log logger = LogFactory.getLog(UdsGrpcServerBesideTcpAutoConfiguration.class);

		@Override
		public void onApplicationEvent(UdsGrpcServerStartedEvent event) {
			List<String> checked = event.getListeners()
				.stream()
				.filter((listener) -> !listener.peerAccess().isOpen())
				.map(UdsListener::name)
				.toList();
			if (!checked.isEmpty()) {
				logger.warn("grpc.uds.keep-tcp=true: the TCP port serves the same services without the peer checks "
						+ "of socket listener(s) " + checked + "; TCP has no peer credentials. Protect it by other "
						+ "means (TLS client certificates, a loopback address, a firewall) or leave keep-tcp off.");
			}
		}

	}

}
