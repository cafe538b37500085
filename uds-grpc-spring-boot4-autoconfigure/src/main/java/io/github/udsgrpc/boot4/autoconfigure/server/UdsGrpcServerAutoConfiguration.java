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
 * Serves the application's gRPC services on Unix domain sockets instead of Spring Boot's TCP port. It runs before
 * Spring Boot's gRPC server auto-configuration, whose network servers back off when they see the socket server's
 * factory; with {@code grpc.uds.keep-tcp=true}, {@link UdsGrpcServerBesideTcpAutoConfiguration} serves the sockets
 * beside Spring Boot's own TCP server instead.
 */
@AutoConfiguration(before = GrpcServerAutoConfiguration.class, after = UdsTransportAutoConfiguration.class)
@ConditionalOnClass({ GrpcServerFactory.class, NettyServerBuilder.class })
@ConditionalOnBooleanProperty(name = "spring.grpc.server.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "spring.grpc.server.factory.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "grpc.uds.keep-tcp", havingValue = false, matchIfMissing = true)
@ConditionalOnUdsServer
@Import(UdsGrpcServerConfiguration.class)
public class UdsGrpcServerAutoConfiguration {

}
