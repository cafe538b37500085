package io.github.udsgrpc.benchmarks.transport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * net.devh alone, over its own Unix socket support: this starter's auto-configurations excluded,
 * {@code grpc.server.address=unix:/path}, and net.devh's client with {@code unix:/path}, plaintext (net.devh would
 * try TLS).
 */
public class NetdevhUdsTransport extends SpringTransport {

	private final Path socket;

	public NetdevhUdsTransport(String name, Path socket) {
		super(name);
		this.socket = socket;
	}

	@Override
	Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>(Exclusions.STARTER);
		properties.put("grpc.server.address", "unix:" + this.socket);
		properties.putAll(client("unix:" + this.socket, true));
		return properties;
	}

}
