package io.github.udsgrpc.boot4.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.udsgrpc.boot.UdsGrpcServerStartedEvent;
import io.github.udsgrpc.testsupport.PlainEchoService;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/**
 * A whole Spring Boot 4.1 application, auto-configured from the test class path (Boot's gRPC server and client,
 * actuator), serving the core tests' echo service as a plain {@code BindableService} bean.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class EchoApp4 {

	@Bean
	PlainEchoService echoService() {
		return new PlainEchoService();
	}

	@Bean
	StartedEvents startedEvents() {
		return new StartedEvents();
	}

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
		sources[0] = EchoApp4.class;
		System.arraycopy(extra, 0, sources, 1, extra.length);
		return new SpringApplicationBuilder(sources).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.grpc.server.port=0")
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

		public <E> List<E> all(Class<E> type) {
			return this.events.stream().filter(type::isInstance).map(type::cast).toList();
		}

	}

}
