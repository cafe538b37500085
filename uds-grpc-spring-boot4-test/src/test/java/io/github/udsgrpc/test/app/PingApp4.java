package io.github.udsgrpc.test.app;

import io.github.udsgrpc.test.ping.PingGrpc;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
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

	/**
	 * Runs the application outside a Spring test context.
	 * @param properties {@code key=value} pairs
	 * @return the running context
	 */
	public static ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(PingApp4.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

}
