package io.github.udsgrpc.benchmarks.transport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes transports from their names on the command line.
 */
public final class Transports {

	/** The transports of a default run, in this order. */
	public static final List<String> ALL = List.of("starter-uds", "netdevh-tcp", "netdevh-uds", "handwired-uds",
			"inprocess", "raw-uds");

	private Transports() {
	}

	/**
	 * The transport a name stands for. {@code starter-uds[k=v,k=v]} is a variant of {@code starter-uds} with more
	 * Spring properties; so is {@code netdevh-tcp[k=v]} of {@code netdevh-tcp} (for example
	 * {@code netdevh-tcp[bench.direct-executor=true]}, see {@link BenchApplication}).
	 * @param spec the name
	 * @param side which end of it this JVM runs
	 * @param socket the socket path it may use
	 * @param port the TCP port it may use
	 * @param starterProperties Spring properties for every starter-uds variant
	 * @return the transport, not started
	 */
	public static Transport create(String spec, Side side, Path socket, int port,
			Map<String, String> starterProperties) {
		int bracket = spec.indexOf('[');
		return switch (check(spec)) {
			case "starter-uds" -> {
				Map<String, String> properties = new LinkedHashMap<>(starterProperties);
				if (bracket >= 0) {
					properties.putAll(parseProperties(spec.substring(bracket + 1, spec.length() - 1)));
				}
				yield new StarterUdsTransport(spec, side, socket, properties);
			}
			case "netdevh-tcp" -> new NetdevhTcpTransport(spec, side, port,
					(bracket >= 0) ? parseProperties(spec.substring(bracket + 1, spec.length() - 1)) : Map.of());
			case "netdevh-uds" -> new NetdevhUdsTransport(spec, side, socket);
			case "handwired-uds" -> new HandwiredUdsTransport(spec, side, socket);
			case "inprocess" -> {
				if (side != Side.BOTH) {
					throw new IllegalArgumentException("inprocess has no server of its own to put in another JVM");
				}
				yield new InProcessTransport(spec);
			}
			case "raw-uds" -> new RawUdsTransport(spec, side, socket);
			default -> throw new IllegalArgumentException("Unknown transport '" + spec + "'; known: " + ALL);
		};
	}

	/**
	 * Whether a transport can run its server in a child JVM ({@code --two-process}).
	 * @param spec the name
	 * @return false for {@code inprocess}, which is one JVM by nature
	 */
	public static boolean canSplit(String spec) {
		return !check(spec).equals("inprocess");
	}

	/**
	 * Checks a transport's name.
	 * @param spec the name, e.g. {@code starter-uds[grpc.uds.event-loop-threads=1]}
	 * @return the transport it is a variant of, e.g. {@code starter-uds}
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public static String check(String spec) {
		int bracket = spec.indexOf('[');
		String base = (bracket < 0) ? spec : spec.substring(0, bracket);
		if (!ALL.contains(base)) {
			throw new IllegalArgumentException("Unknown transport '" + spec + "'; known: " + ALL);
		}
		if (bracket >= 0) {
			if (!(base.equals("starter-uds") || base.equals("netdevh-tcp")) || !spec.endsWith("]")) {
				throw new IllegalArgumentException(
						"Only starter-uds and netdevh-tcp take properties, as starter-uds[key=value,...]: " + spec);
			}
			parseProperties(spec.substring(bracket + 1, spec.length() - 1));
		}
		return base;
	}

	/**
	 * Reads {@code key=value} pairs separated by commas (or semicolons).
	 * @param text the pairs
	 * @return {@code key -> value}, in order
	 */
	public static Map<String, String> parseProperties(String text) {
		Map<String, String> properties = new LinkedHashMap<>();
		for (String pair : text.split("[,;]")) {
			if (pair.isBlank()) {
				continue;
			}
			int equals = pair.indexOf('=');
			if (equals <= 0) {
				throw new IllegalArgumentException("Expected key=value, got '" + pair + "'");
			}
			properties.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
		}
		return properties;
	}

}
