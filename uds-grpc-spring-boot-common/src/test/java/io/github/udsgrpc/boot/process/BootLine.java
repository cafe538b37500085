package io.github.udsgrpc.boot.process;

import java.time.Duration;

import io.github.udsgrpc.boot.testsupport.EchoStubs;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.unit.DataSize;

/**
 * One Spring Boot line's echo application, as the shared process tests start it: in a JVM of its own through a
 * main class, or in the test's JVM. Each line's module gives one, and runs every scenario of this package against
 * it; the scenarios and their assertions are the same for both lines.
 */
public interface BootLine {

	/**
	 * The class whose {@code main} runs the line's echo application as a program of its own, with Spring Boot
	 * command-line properties as arguments and {@code --cycles=N} as {@link EchoServerMains} reads it.
	 * @return the main class
	 */
	Class<?> serverMain();

	/**
	 * Runs the line's echo application in this JVM, without a web server and without a TCP port.
	 * @param extra further configuration classes
	 * @param properties {@code key=value} pairs
	 * @return the running context
	 */
	ConfigurableApplicationContext run(Class<?>[] extra, String... properties);

	/**
	 * The line's {@link io.github.udsgrpc.boot.testsupport.WhoAmI} service, as a class to register with
	 * {@link #run(Class[], String...)}: the shared service, declared the way the line declares services and their
	 * interceptors.
	 * @return the service class
	 */
	Class<?> whoAmIService();

	/**
	 * The property that points the application's client channel named {@code echo} at a target.
	 * @param target a target such as {@code unix:/tmp/x/echo.sock}
	 * @return the {@code key=value} pair
	 */
	String echoClientTarget(String target);

	/**
	 * The configuration classes the load tests add to the application: its injected stubs for the channel named
	 * {@code echo} (see {@link #echoStubs}), and the line's way of giving every server builder the
	 * {@link io.github.udsgrpc.boot.load.ServerProbe} instruments.
	 * @return the configuration classes
	 */
	Class<?>[] loadConfiguration();

	/**
	 * The stubs for the channel named {@code echo} the application got injected, as its users inject them.
	 * @param context a context run with {@link #loadConfiguration()}
	 * @return the stubs
	 */
	EchoStubs echoStubs(ConfigurableApplicationContext context);

	/**
	 * The property that bounds the graceful shutdown of the line's gRPC server.
	 * @param period the grace period
	 * @return the {@code key=value} pair
	 */
	String gracePeriod(Duration period);

	/**
	 * The property that limits the size of a message the line's gRPC server accepts.
	 * @param size the largest message
	 * @return the {@code key=value} pair
	 */
	String maxInboundMessageSize(DataSize size);

	/**
	 * The property that limits the size of the metadata (the HTTP/2 header list) the line's gRPC server accepts.
	 * @param size the largest header list
	 * @return the {@code key=value} pair
	 */
	String maxInboundMetadataSize(DataSize size);

}
