package io.github.udsgrpc.test;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension for tests that start servers themselves, without a Spring test context: each
 * {@link UdsTestSocket} parameter (of a test method, a lifecycle method or the constructor) is a fresh socket
 * path in its own short private directory, deleted when that method (or, for {@code @BeforeAll} and the
 * constructor, the test class) is done.
 *
 * <pre class="code">
 * &#64;ExtendWith(UdsTestSocketExtension.class)
 * class ServerTests {
 *
 *     &#64;Test
 *     void serves(UdsTestSocket socket) {
 *         try (var app = new SpringApplicationBuilder(MyApp.class)
 *                 .properties("grpc.uds.path=" + socket.path()).run()) {
 *             // dial socket.target()
 *         }
 *     }
 * }
 * </pre>
 */
public class UdsTestSocketExtension implements ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(UdsTestSocketExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == UdsTestSocket.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		UdsTestSocket socket = UdsTestSocket.create(SocketDirectories.forThisMachine(),
				UdsTestSocket.DEFAULT_SOCKET_NAME);
		// The store closes its resources when the context that resolved the parameter ends.
		extensionContext.getStore(NAMESPACE).put(socket, (ExtensionContext.Store.CloseableResource) socket::delete);
		return socket;
	}

}
