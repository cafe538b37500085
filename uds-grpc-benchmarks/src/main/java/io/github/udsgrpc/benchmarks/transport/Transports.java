package io.github.udsgrpc.benchmarks.transport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes transports from their names on the command line.
 */
public final class Transports {

	/**
	 * The transports of a default run, in this order: both lines' bare transports (the Boot 4.1 line's in
	 * application JVMs of their own, see {@code AppTransport}), then those without Spring.
	 */
	public static final List<String> ALL = List.of("starter-uds", "netdevh-tcp", "netdevh-uds", "boot4-starter-uds",
			"boot4-uds", "boot4-tcp", "handwired-uds", "inprocess", "raw-uds");

	/**
	 * The full applications ({@code --full-app}): every Spring transport of both lines, server and client each a
	 * Spring Boot application with web, actuator, metrics and observations, in JVMs of their own.
	 */
	public static final List<String> APPS = List.of("app-starter-uds", "app-netdevh-uds", "app-netdevh-tcp",
			"app-boot4-starter-uds", "app-boot4-uds", "app-boot4-tcp");

	/** The transports whose server and client both run in application JVMs that the harness starts. */
	private static final List<String> APP_JVM = List.of("boot4-starter-uds", "boot4-uds", "boot4-tcp",
			"app-starter-uds", "app-netdevh-uds", "app-netdevh-tcp", "app-boot4-starter-uds", "app-boot4-uds",
			"app-boot4-tcp");

	/** The transports of this starter (either line): {@code --starter-props} applies to them. */
	private static final List<String> STARTERS = List.of("starter-uds", "boot4-starter-uds", "app-starter-uds",
			"app-boot4-starter-uds");

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
		String base = check(spec);
		if (APP_JVM.contains(base)) {
			throw new IllegalArgumentException(spec + " runs in application JVMs: see AppTransport");
		}
		return switch (base) {
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
	 * Whether both ends of a transport run in application JVMs of their own ({@code AppTransport}), in either mode.
	 * @param spec the name
	 * @return true for the Boot 4.1 line and the full applications
	 */
	public static boolean inAppJvms(String spec) {
		return APP_JVM.contains(check(spec));
	}

	/**
	 * The Spring properties of a transport's variant: {@code --starter-props} for this starter's transports, then
	 * those in its brackets.
	 * @param spec the name
	 * @param starterProperties the properties of {@code --starter-props}
	 * @return {@code key -> value}, in order
	 */
	public static Map<String, String> variantProperties(String spec, Map<String, String> starterProperties) {
		Map<String, String> properties = new LinkedHashMap<>();
		if (STARTERS.contains(check(spec))) {
			properties.putAll(starterProperties);
		}
		int bracket = spec.indexOf('[');
		if (bracket >= 0) {
			properties.putAll(parseProperties(spec.substring(bracket + 1, spec.length() - 1)));
		}
		return properties;
	}

	/**
	 * The transport a variant belongs to.
	 * @param spec the name, e.g. {@code app-starter-uds[bench.web=false]}
	 * @return e.g. {@code app-starter-uds}
	 */
	public static String base(String spec) {
		int bracket = spec.indexOf('[');
		return (bracket < 0) ? spec : spec.substring(0, bracket);
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
		if (!ALL.contains(base) && !APPS.contains(base)) {
			throw new IllegalArgumentException("Unknown transport '" + spec + "'; known: " + ALL + ", " + APPS);
		}
		if (bracket >= 0) {
			if (!(base.equals("starter-uds") || base.equals("netdevh-tcp") || APP_JVM.contains(base))
					|| !spec.endsWith("]")) {
				throw new IllegalArgumentException("Only starter-uds, netdevh-tcp, the boot4-* and the app-* transports "
						+ "take properties, as starter-uds[key=value,...]: " + spec);
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
