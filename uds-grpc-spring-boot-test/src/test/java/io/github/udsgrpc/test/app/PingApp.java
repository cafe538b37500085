package io.github.udsgrpc.test.app;

import io.github.udsgrpc.test.PingLine;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * A whole application, auto-configured with the starter: serves {@link PingService} and holds a
 * {@link PingClient}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ PingService.class, PingClient.class })
public class PingApp {

	/** The Spring Boot 3.5 line, on net.devh's gRPC starters, as the shared scenarios run it. */
	public static final PingLine LINE = new PingLine(PingApp.class, "grpc.client.%s.address",
			"spring.grpc.client.channel.%s.target", (context, text) -> context.getBean(PingClient.class).ping(text));

}
