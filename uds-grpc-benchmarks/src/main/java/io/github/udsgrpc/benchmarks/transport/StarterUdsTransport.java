package io.github.udsgrpc.benchmarks.transport;

import java.nio.file.Path;
import java.util.Map;

/**
 * This starter: {@code grpc.uds.path} for the server, {@code grpc.client.bench.address=unix:...} for the client,
 * nothing else, plus the properties of the variant and of {@code --starter-props}.
 */
public class StarterUdsTransport extends SpringTransport {

	private final Path socket;

	private final Map<String, String> extraProperties;

	public StarterUdsTransport(String name, Side side, Path socket, Map<String, String> extraProperties) {
		super(name, side);
		this.socket = socket;
		this.extraProperties = Map.copyOf(extraProperties);
	}

	@Override
	Map<String, String> serverProperties() {
		return Map.of("grpc.uds.path", this.socket.toString());
	}

	@Override
	Map<String, String> clientProperties() {
		return client("unix:" + this.socket, false);
	}

	@Override
	Map<String, String> variantProperties() {
		return this.extraProperties;
	}

}
