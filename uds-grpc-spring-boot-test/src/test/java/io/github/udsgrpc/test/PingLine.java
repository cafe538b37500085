package io.github.udsgrpc.test;

import java.util.function.BiFunction;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Spring Boot line's ping application, as the shared scenarios of this package ({@code Abstract*Tests}) use it:
 * the application class, the property that points its clients at a target, and a call through its client. Each
 * line's test module gives one (its application's {@code LINE}) and runs every scenario against it; the scenarios and
 * their assertions are the same for both lines.
 */
public final class PingLine {

	private final Class<?> application;

	private final String clientTargetProperty;

	private final String otherLineClientTargetProperty;

	private final BiFunction<ApplicationContext, String, String> ping;

	/**
	 * Describes a line's ping application.
	 * @param application the {@code @SpringBootConfiguration} class: serves {@code Ping}, answering
	 * {@code PREFIX TEXT} ({@code ping.prefix}, default {@code pong}), and holds a client of the channel named
	 * {@code ping}
	 * @param clientTargetProperty the property through which the line points a named client at a target, with
	 * {@code %s} for the client's name
	 * @param otherLineClientTargetProperty the other line's client property, with {@code %s} for the client's name
	 * @param ping calls through the client of the channel named {@code ping} of a context of the application, and
	 * returns the reply's text
	 */
	public PingLine(Class<?> application, String clientTargetProperty, String otherLineClientTargetProperty,
			BiFunction<ApplicationContext, String, String> ping) {
		this.application = application;
		this.clientTargetProperty = clientTargetProperty;
		this.otherLineClientTargetProperty = otherLineClientTargetProperty;
		this.ping = ping;
	}

	/**
	 * The line's ping application.
	 * @return the {@code @SpringBootConfiguration} class
	 */
	public Class<?> application() {
		return this.application;
	}

	/**
	 * A builder of the line's ping application outside a Spring test context, without a web server or banner.
	 * @return the builder
	 */
	public SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(this.application).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off");
	}

	/**
	 * Runs the line's ping application outside a Spring test context.
	 * @param properties {@code key=value} pairs
	 * @return the running context
	 */
	public ConfigurableApplicationContext run(String... properties) {
		return builder().properties(properties).run();
	}

	/**
	 * The property through which the line points a named client at a target, the one
	 * {@link AutoConfigureUdsSocket#clients()} sets on this line.
	 * @param client the client's name
	 * @return the property name
	 */
	public String clientTargetProperty(String client) {
		return this.clientTargetProperty.formatted(client);
	}

	/**
	 * The other line's client property, which the customizer must leave alone on this line: its client library is
	 * not on this line's class path.
	 * @param client the client's name
	 * @return the property name
	 */
	public String otherLineClientTargetProperty(String client) {
		return this.otherLineClientTargetProperty.formatted(client);
	}

	/**
	 * Calls through the application's client of the channel named {@code ping}.
	 * @param context a context of {@link #application()}
	 * @param text the text to send
	 * @return the reply's text
	 */
	public String ping(ApplicationContext context, String text) {
		return this.ping.apply(context, text);
	}

}
