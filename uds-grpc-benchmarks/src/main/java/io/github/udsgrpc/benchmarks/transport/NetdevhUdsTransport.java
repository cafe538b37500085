package io.github.udsgrpc.benchmarks.transport;

import java.nio.file.Path;
import java.util.Map;

/**
 * net.devh alone, over its own Unix socket support: this starter's auto-configurations excluded,
 * {@code grpc.server.address=unix:/path}, and net.devh's client with {@code unix:/path}, plaintext (net.devh would
 * try TLS).
 */
public class NetdevhUdsTransport extends SpringTransport {

	private final Path socket;

	public NetdevhUdsTransport(String name, Side side, Path socket) {
		super(name, side);
		this.socket = socket;
	}

	@Override
	Map<String, String> serverProperties() {
		return Map.of("grpc.server.address", "unix:" + this.socket);
	}

	@Override
	Map<String, String> clientProperties() {
		return client("unix:" + this.socket, true);
	}

	@Override
	Map<String, String> variantProperties() {
		return Exclusions.STARTER;
	}

}
