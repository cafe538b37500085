package io.github.udsgrpc.autoconfigure.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.udsgrpc.boot.UdsGrpcServerStartedEvent;
import net.devh.boot.grpc.server.event.GrpcServerStartedEvent;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.context.annotation.Import;

/**
 * A whole Spring Boot application, auto-configured from the test class path (actuator included), serving
 * {@link EchoService} and holding {@link EchoClients}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ EchoService.class, EchoClients.class, EchoApp.StartedEvents.class })
public class EchoApp {

	/**
	 * Runs the application with these properties and no web server.
	 * @param properties {@code key=value} pairs
	 * @return the running context
	 */
	public static ConfigurableApplicationContext run(String... properties) {
		return run(new Class<?>[0], properties);
	}

	/**
	 * Runs the application with extra configuration classes.
	 * @param extra further configuration classes
	 * @param properties {@code key=value} pairs
	 * @return the running context
	 */
	public static ConfigurableApplicationContext run(Class<?>[] extra, String... properties) {
		Class<?>[] sources = new Class<?>[extra.length + 1];
		sources[0] = EchoApp.class;
		System.arraycopy(extra, 0, sources, 1, extra.length);
		return new SpringApplicationBuilder(sources).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "grpc.server.port=0")
			.properties(properties)
			.run();
	}

	/** Records the server-started events. */
	public static class StartedEvents {

		private final List<Object> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(UdsGrpcServerStartedEvent event) {
			this.events.add(event);
		}

		@EventListener
		void on(GrpcServerStartedEvent event) {
			this.events.add(event);
		}

		public <E> E last(Class<E> type) {
			return this.events.stream().filter(type::isInstance).map(type::cast).reduce((a, b) -> b).orElseThrow();
		}

	}

}
