package io.github.udsgrpc.boot.execution;

import java.nio.file.Path;
import java.util.List;

import io.github.udsgrpc.test.echo.EchoGrpc;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Spring Boot line's application as {@link AbstractNonBlockingMethodsTests} runs it in the test's JVM: serving
 * only the echo service given, on a socket listener, with the stubs of a client channel named {@code echo} that
 * points at that socket injected the way the line injects them. Each line's module gives one.
 */
public interface ExecutionLine {

	/**
	 * The line's name as the measured numbers print it, such as {@code boot 3.5}.
	 * @return the name
	 */
	String name();

	/**
	 * The echo service as the line declares a service (net.devh: a class annotated {@code @GrpcService}; Spring
	 * gRPC: any bean of a service), to register with the {@link #application()}: the class given or a subclass of
	 * it; any other class as it is.
	 * @param service one of the shared echo services
	 * @return the class to register
	 */
	Class<?> declared(Class<?> service);

	/**
	 * The line's application: a {@code @SpringBootConfiguration} with auto-configuration that gets the stubs of the
	 * client channel named {@code echo} injected, and declares no service.
	 * @return the application class
	 */
	Class<?> application();

	/**
	 * The line's properties, besides {@code grpc.uds.path}, for an application without a TCP port whose client
	 * channel named {@code echo} points at a socket.
	 * @param socket the socket path
	 * @return {@code key=value} pairs
	 */
	List<String> properties(Path socket);

	/**
	 * The blocking stub for the channel named {@code echo} that the application got injected.
	 * @param context a context run from {@link #application()}
	 * @return the stub
	 */
	EchoGrpc.EchoBlockingStub blockingStub(ConfigurableApplicationContext context);

	/**
	 * A future stub over the channel of {@link #blockingStub}, as the line gives one.
	 * @param context a context run from {@link #application()}
	 * @return the stub
	 */
	EchoGrpc.EchoFutureStub futureStub(ConfigurableApplicationContext context);

}
