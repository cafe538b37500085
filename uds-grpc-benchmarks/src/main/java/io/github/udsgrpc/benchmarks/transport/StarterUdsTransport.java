package io.github.udsgrpc.benchmarks.transport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This starter: {@code grpc.uds.path} for the server, {@code grpc.client.bench.address=unix:...} for the client,
 * nothing else, plus the properties of the variant and of {@code --starter-props}.
 */
public class StarterUdsTransport extends SpringTransport {

	private final Path socket;

	private final Map<String, String> extraProperties;

	public StarterUdsTransport(String name, Path socket, Map<String, String> extraProperties) {
		super(name);
		this.socket = socket;
		this.extraProperties = extraProperties;
	}

	@Override
	Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("grpc.uds.path", this.socket.toString());
		properties.putAll(client("unix:" + this.socket, false));
		properties.putAll(this.extraProperties);
		return properties;
	}

}
