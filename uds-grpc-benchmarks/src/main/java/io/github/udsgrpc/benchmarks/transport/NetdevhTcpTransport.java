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

	private final Map<String, String> extraProperties;

	public NetdevhTcpTransport(String name, Map<String, String> extraProperties) {
		super(name);
		this.extraProperties = Map.copyOf(extraProperties);
	}

	@Override
	Map<String, String> properties() {
		int port = freePort();
		Map<String, String> properties = new LinkedHashMap<>(Exclusions.STARTER);
		properties.put("grpc.server.address", "127.0.0.1");
		properties.put("grpc.server.port", Integer.toString(port));
		properties.putAll(client("static://127.0.0.1:" + port, true));
		properties.putAll(this.extraProperties);
		return properties;
	}

	/** A port free now; net.devh needs it before the context starts, because the client's address names it. */
	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free port on 127.0.0.1", ex);
		}
	}

}
