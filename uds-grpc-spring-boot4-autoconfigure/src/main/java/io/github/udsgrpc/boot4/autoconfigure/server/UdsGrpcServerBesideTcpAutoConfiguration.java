package io.github.udsgrpc.boot4.autoconfigure.server;

import io.github.udsgrpc.boot.condition.ConditionalOnUdsServer;
import io.github.udsgrpc.boot4.autoconfigure.socket.UdsTransportAutoConfiguration;
import io.grpc.netty.NettyServerBuilder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.grpc.server.GrpcServerFactory;

/**
 * With {@code grpc.uds.keep-tcp=true}: serves the application's gRPC services on Unix domain sockets beside Spring
 * Boot's own TCP server ({@code spring.grpc.server.address}, {@code port}, {@code ssl.*}), which stays as Boot
 * configures it. It runs after Spring Boot's gRPC server auto-configuration, whose TCP server so does not see the
 * socket server's factory.
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

}
