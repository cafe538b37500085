package io.github.udsgrpc.server;

import io.grpc.netty.NettyServerBuilder;

/**
 * Customizes the server builder of each socket listener. A {@link UdsServer} applies its customizers in order, after
 * it has set what makes the server a socket server (address, channel, event loops, peer credentials) and before the
 * listener's own customizer ({@link UdsListenerOptions#customizeServer}), its services and its peer check. In the
 * Spring Boot starters the list is: the {@code grpc.uds.*} tuning properties, then the gRPC starter's own server
 * properties and customizer beans.
 */
@FunctionalInterface
public interface UdsServerBuilderCustomizer {

	/**
	 * Customizes one listener's builder.
	 * @param builder the builder
	 * @param listener the listener it is for
	 */
	void customize(NettyServerBuilder builder, UdsListener listener);

}
