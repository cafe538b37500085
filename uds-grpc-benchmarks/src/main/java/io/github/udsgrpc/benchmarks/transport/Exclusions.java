package io.github.udsgrpc.benchmarks.transport;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.udsgrpc.autoconfigure.client.UdsGrpcClientAutoConfiguration;
import io.github.udsgrpc.autoconfigure.server.UdsGrpcServerAutoConfiguration;
import io.github.udsgrpc.autoconfigure.socket.UdsTransportAutoConfiguration;

/**
 * Turns this starter off in a context, leaving net.devh's auto-configuration as it is without the starter.
 */
final class Exclusions {

	/** The three auto-configurations of META-INF/spring/...AutoConfiguration.imports. */
	static final Map<String, String> STARTER = Map.of("spring.autoconfigure.exclude",
			Stream.of(UdsTransportAutoConfiguration.class, UdsGrpcServerAutoConfiguration.class,
					UdsGrpcClientAutoConfiguration.class)
				.map(Class::getName)
				.collect(Collectors.joining(",")));

	private Exclusions() {
	}

}
