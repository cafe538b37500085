package io.github.udsgrpc.server;

/**
 * Declares socket listeners in code, for applications that compute their socket paths. In a Spring Boot application
 * every bean of this type is called once, in order, with the same registry; its listeners come after the one of
 * {@code grpc.uds.path}.
 *
 * <pre class="code">
 * &#64;Bean
 * UdsListenerConfigurer sockets() {
 *     return (listeners) -&gt; listeners
 *         .listenUnixSocket(Path.of(runtimeDir, "api.sock"))
 *         .listenUnixSocket(Path.of(runtimeDir, "admin.sock"), (options) -&gt; options.name("admin"));
 * }
 * </pre>
 */
@FunctionalInterface
public interface UdsListenerConfigurer {

	/**
	 * Declares listeners.
	 * @param listeners the registry to declare them in
	 */
	void configure(UdsListenerRegistry listeners);

}
