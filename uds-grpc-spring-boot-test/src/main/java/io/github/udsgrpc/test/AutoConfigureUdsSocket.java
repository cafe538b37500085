package io.github.udsgrpc.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the test's application context a fresh, short socket path: the gRPC server listens on it
 * ({@code grpc.uds.path}), the named {@code @GrpcClient}s dial it ({@code grpc.client.NAME.address=unix:PATH}),
 * and a {@link UdsTestSocket} bean tells the test where it is. The path lies in a private directory (mode
 * {@code rwx------}) under {@code java.io.tmpdir}, {@code $TMPDIR} or {@code /tmp}, whichever first is short
 * enough for the kernel's limit (107 bytes on Linux, 103 on macOS), however deep the build folder is; the
 * directory is deleted when the context closes.
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
 *     &#64;GrpcClient("orders")
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
	 * Names of the gRPC clients to point at the socket: {@code grpc.client.NAME.address} is set to
	 * {@code unix:PATH} for each.
	 * @return client names, as in {@code @GrpcClient("NAME")}
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
