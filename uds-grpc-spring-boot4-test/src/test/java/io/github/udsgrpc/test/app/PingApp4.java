package io.github.udsgrpc.test.app;

import io.github.udsgrpc.test.PingLine;
import io.github.udsgrpc.test.ping.PingGrpc;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.grpc.client.ImportGrpcClients;

/**
 * A whole Spring Boot 4.1 application, auto-configured with the Boot 4.1 starter: serves {@link PingService4} and
 * holds a stub of the channel named "ping", used by {@link PingClient4}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ImportGrpcClients(target = "ping", types = PingGrpc.PingBlockingStub.class)
@Import({ PingService4.class, PingClient4.class })
public class PingApp4 {

	/** The Spring Boot 4.1 line, on Spring Boot's own gRPC, as the shared scenarios run it. */
	public static final PingLine LINE = new PingLine(PingApp4.class, "spring.grpc.client.channel.%s.target",
			"grpc.client.%s.address", (context, text) -> context.getBean(PingClient4.class).ping(text));

}
