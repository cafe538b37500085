package io.github.udsgrpc.benchmarks.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * net.devh alone, over TCP loopback: this starter's auto-configurations excluded, net.devh's server on 127.0.0.1
 * and a free port, net.devh's client with {@code static://127.0.0.1:PORT}, plaintext.
 */
public class NetdevhTcpTransport extends SpringTransport {

	private final int port;

	private final Map<String, String> extraProperties;

	/**
	 * @param port the server's port, chosen before the context starts because the client's address names it (and,
	 * in {@code --two-process} mode, before the server's JVM starts)
	 */
	public NetdevhTcpTransport(String name, Side side, int port, Map<String, String> extraProperties) {
		super(name, side);
		this.port = port;
		this.extraProperties = Map.copyOf(extraProperties);
	}

	@Override
	Map<String, String> serverProperties() {
		return Map.of("grpc.server.address", "127.0.0.1", "grpc.server.port", Integer.toString(this.port));
	}

	@Override
	Map<String, String> clientProperties() {
		return client("static://127.0.0.1:" + this.port, true);
	}

	@Override
	Map<String, String> variantProperties() {
		Map<String, String> properties = new LinkedHashMap<>(Exclusions.STARTER);
		properties.putAll(this.extraProperties);
		return properties;
	}

	/**
	 * A port free now on 127.0.0.1.
	 * @return the port
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free port on 127.0.0.1", ex);
		}
	}

}
