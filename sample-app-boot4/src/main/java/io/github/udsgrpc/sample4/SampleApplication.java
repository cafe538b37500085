package io.github.udsgrpc.sample4;

import io.github.udsgrpc.sample4.proto.GreeterGrpc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.grpc.client.ImportGrpcClients;

/**
 * A Greeter gRPC service on a Unix socket, and a REST endpoint that calls it through an injected stub, on Spring
 * Boot 4.1's own gRPC support. The stub is a bean on the channel {@code greeter}, whose target,
 * {@code spring.grpc.client.channel.greeter.target}, is the socket.
 */
@SpringBootApplication
@ImportGrpcClients(target = "greeter", types = GreeterGrpc.GreeterBlockingStub.class)
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
