package io.github.udsgrpc.test.app;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * A whole application, auto-configured with the starter: serves {@link PingService} and holds a
 * {@link PingClient}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ PingService.class, PingClient.class })
public class PingApp {

	/**
	 * Runs the application outside a Spring test context.
	 * @param properties {@code key=value} pairs
	 * @return the running context
	 */
	public static ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(PingApp.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

}
