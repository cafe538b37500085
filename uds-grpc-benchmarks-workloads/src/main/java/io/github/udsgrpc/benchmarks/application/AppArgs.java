package io.github.udsgrpc.benchmarks.application;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command line of a benchmark application JVM, for both lines:
 * {@code server|client KIND SOCKET PORT SERVER_PID CONNECT_COUNT key=value...}.
 *
 * @param client whether this JVM is the client (else the server)
 * @param kind the transport without variant, e.g. {@code starter-uds}, {@code netdevh-tcp}, {@code boot4-uds}
 * @param socket the socket path (for socket transports)
 * @param port the TCP port (for TCP transports)
 * @param serverPid the server JVM's pid, whose CPU time a client counts (0: none)
 * @param connectCount new channels per connect measurement
 * @param properties Spring properties of the variant and of the layers, for both sides
 */
public record AppArgs(boolean client, String kind, Path socket, int port, long serverPid, int connectCount,
		Map<String, String> properties) {

	/**
	 * Reads the command line.
	 * @param args the arguments
	 * @return what they say
	 */
	public static AppArgs parse(String[] args) {
		if (args.length < 6 || !(args[0].equals("server") || args[0].equals("client"))) {
			throw new IllegalArgumentException(
					"Usage: server|client KIND SOCKET PORT SERVER_PID CONNECT_COUNT [key=value...]");
		}
		Map<String, String> properties = new LinkedHashMap<>();
		for (int i = 6; i < args.length; i++) {
			int equals = args[i].indexOf('=');
			properties.put(args[i].substring(0, equals), args[i].substring(equals + 1));
		}
		return new AppArgs(args[0].equals("client"), args[1], Path.of(args[2]), Integer.parseInt(args[3]),
				Long.parseLong(args[4]), Integer.parseInt(args[5]), properties);
	}

	/**
	 * The boolean {@code bench.*} property that switches a layer, true unless given as {@code false}.
	 * @param name e.g. {@code bench.observations}
	 * @return whether the layer is on
	 */
	public boolean layer(String name) {
		return !"false".equalsIgnoreCase(this.properties.getOrDefault(name, "true"));
	}

}
