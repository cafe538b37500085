package io.github.udsgrpc.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the test's application context a fresh, short socket path: the gRPC server listens on it
 * ({@code grpc.uds.path}), the named clients dial it, and a {@link UdsTestSocket} bean tells the test where it is.
 * A client is pointed at the socket through the property of the gRPC client library on the class path:
 * {@code grpc.client.NAME.address=unix:PATH} for net.devh's {@code @GrpcClient} (Spring Boot 3.5),
 * {@code spring.grpc.client.channel.NAME.target=unix:PATH} for Spring Boot 4.1's channels
 * ({@code @ImportGrpcClients(target = "NAME")}, {@code GrpcChannelFactory.createChannel("NAME")}).
 * <p>
 * The path lies in a private directory (mode {@code rwx------}) under {@code java.io.tmpdir}, {@code $TMPDIR} or
 * {@code /tmp}, whichever first is short enough for the kernel's limit (107 bytes on Linux, 103 on macOS), however
 * deep the build folder is; the directory is deleted when the context closes.
 * <p>
 * Test classes with the same configuration share one cached context, and so one socket; each new context (a
 * different configuration, or one after {@code @DirtiesContext}) gets a new directory, made when the context
 * is created.
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;AutoConfigureUdsSocket(clients = "orders")
 * class OrderServiceTests {
 *
 *     &#64;GrpcClient("orders") // on Spring Boot 4.1: &#64;Autowired, a stub of &#64;ImportGrpcClients(target = "orders")
 *     OrderServiceGrpc.OrderServiceBlockingStub orders;
 *
 *     &#64;Autowired
 *     UdsTestSocket socket;
 * }
 * </pre>
 *
 * @see UdsTestSocketExtension for tests without a Spring test context
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureUdsSocket {

	/**
	 * Names of the gRPC clients to point at the socket: {@code grpc.client.NAME.address} (net.devh) or
	 * {@code spring.grpc.client.channel.NAME.target} (Spring Boot 4.1), whichever client library is on the class
	 * path, is set to {@code unix:PATH} for each. Naming clients with neither on the class path fails the context.
	 * @return client names, as in {@code @GrpcClient("NAME")} or {@code @ImportGrpcClients(target = "NAME")}
	 */
	String[] clients() default {};

	/**
	 * File name of the socket in its fresh directory.
	 * @return a file name, without {@code /}
	 */
	String socketName() default UdsTestSocket.DEFAULT_SOCKET_NAME;

	/**
	 * Property set to the socket's path. An application that declares its listener in code from a property of
	 * its own names that property here; an empty string sets none.
	 * @return a property name
	 */
	String pathProperty() default "grpc.uds.path";

}
