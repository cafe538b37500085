package io.github.udsgrpc.benchmarks.application;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Spring properties each line's application starts with: the transport's, the layers' ({@code bench.*}
 * switches, each on unless given as {@code false}) and the variant's, which are given last and win.
 */
public final class AppProperties {

	/** {@code bench.observations=false} on the Boot 3.5 line: net.devh's Micrometer observation auto-configurations. */
	static final List<String> NET_DEVH_OBSERVATIONS = List.of(
			"net.devh.boot.grpc.server.autoconfigure.GrpcServerMicrometerTraceAutoConfiguration",
			"net.devh.boot.grpc.client.autoconfigure.GrpcClientMicrometerTraceAutoConfiguration");

	/** {@code bench.metrics=false} on the Boot 3.5 line: net.devh's metric auto-configurations. */
	static final List<String> NET_DEVH_METRICS = List.of(
			"net.devh.boot.grpc.server.autoconfigure.GrpcServerMetricAutoConfiguration",
			"net.devh.boot.grpc.client.autoconfigure.GrpcClientMetricAutoConfiguration");

	private static final String EXCLUDE = "spring.autoconfigure.exclude";

	private AppProperties() {
	}

	/**
	 * The Boot 3.5 line (net.devh): transports {@code starter-uds} ({@code grpc.uds.path}), {@code netdevh-uds}
	 * ({@code grpc.server.address=unix:}), {@code netdevh-tcp}. {@code bench.observations} and {@code bench.metrics}
	 * exclude net.devh's auto-configurations, after any the variant excludes itself. A {@code netdevh-uds} client
	 * gets {@code bench.authority}, for the application's authority override.
	 * @param app the command line
	 * @return the properties, in a stable order
	 * @throws IllegalArgumentException for a server of an unknown transport
	 */
	public static Map<String, Object> boot35(AppArgs app) {
		Map<String, Object> properties = common();
		String socket = app.socket().toString();
		if (app.client()) {
			properties.put("grpc.server.port", "-1");
			String address = switch (app.kind()) {
				case "netdevh-tcp" -> "static://127.0.0.1:" + app.port();
				default -> "unix:" + socket;
			};
			for (String client : new String[] { "bench", "GLOBAL" }) {
				properties.put("grpc.client." + client + ".address", address);
				if (!app.kind().equals("starter-uds")) {
					properties.put("grpc.client." + client + ".negotiation-type", "plaintext");
				}
			}
			if (app.kind().equals("netdevh-uds")) {
				// With Micrometer's observation interceptor a unix: channel fails every call (the socket path as
				// :authority); a user's way around it: a GrpcChannelConfigurer that overrides the authority.
				properties.put("bench.authority", "localhost");
			}
		}
		else {
			switch (app.kind()) {
				case "starter-uds" -> properties.put("grpc.uds.path", socket);
				case "netdevh-uds" -> properties.put("grpc.server.address", "unix:" + socket);
				case "netdevh-tcp" -> {
					properties.put("grpc.server.address", "127.0.0.1");
					properties.put("grpc.server.port", Integer.toString(app.port()));
				}
				default -> throw new IllegalArgumentException("Unknown transport " + app.kind());
			}
		}
		List<String> excluded = new ArrayList<>();
		if (!app.layer("bench.observations")) {
			excluded.addAll(NET_DEVH_OBSERVATIONS);
		}
		if (!app.layer("bench.metrics")) {
			excluded.addAll(NET_DEVH_METRICS);
		}
		webAndVariant(app, properties);
		Object more = properties.get(EXCLUDE);
		if (more != null) {
			excluded.add(more.toString());
		}
		if (!excluded.isEmpty()) {
			properties.put(EXCLUDE, String.join(",", excluded));
		}
		return properties;
	}

	/**
	 * The Boot 4.1 line (Spring gRPC): transports {@code boot4-starter-uds} ({@code grpc.uds.path}),
	 * {@code boot4-uds} ({@code spring.grpc.server.netty.domain-socket-path}), {@code boot4-tcp}.
	 * {@code bench.observations} switches Boot's gRPC observations off, {@code bench.metrics} the meters they
	 * record. A client gets {@code bench.client} (its stub bean) and, for {@code boot4-uds},
	 * {@code bench.plaintext}, for the application's plaintext customizer.
	 * @param app the command line
	 * @return the properties, in a stable order
	 * @throws IllegalArgumentException for a server of an unknown transport
	 */
	public static Map<String, Object> boot41(AppArgs app) {
		Map<String, Object> properties = common();
		String socket = app.socket().toString();
		if (app.client()) {
			properties.put("spring.grpc.server.enabled", "false");
			properties.put("bench.client", "true");
			properties.put("spring.grpc.client.channel.bench.target", switch (app.kind()) {
				case "boot4-tcp" -> "static://127.0.0.1:" + app.port();
				default -> "unix:" + socket;
			});
			if (app.kind().equals("boot4-uds")) {
				// Boot 4.1.2 builds unix: channels for TLS whatever ssl.* says: a user adds a customizer.
				properties.put("bench.plaintext", "true");
			}
		}
		else {
			switch (app.kind()) {
				case "boot4-starter-uds" -> properties.put("grpc.uds.path", socket);
				case "boot4-uds" -> properties.put("spring.grpc.server.netty.domain-socket-path", socket);
				case "boot4-tcp" -> {
					properties.put("spring.grpc.server.address", "127.0.0.1");
					properties.put("spring.grpc.server.port", Integer.toString(app.port()));
				}
				default -> throw new IllegalArgumentException("Unknown transport " + app.kind());
			}
		}
		if (!app.layer("bench.observations")) {
			properties.put("spring.grpc.server.observation.enabled", "false");
			properties.put("spring.grpc.client.observation.enabled", "false");
		}
		if (!app.layer("bench.metrics")) {
			properties.put("management.metrics.enable.grpc", "false");
		}
		webAndVariant(app, properties);
		return properties;
	}

	/** What both lines start with: quiet startup and logs, the web server (if any) on a free port. */
	private static Map<String, Object> common() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.log-startup-info", "false");
		properties.put("logging.level.root", "WARN");
		// grpc-java asks for SO_KEEPALIVE on net.devh's socket channels: Netty warns once per connection.
		properties.put("logging.level.io.netty.bootstrap", "ERROR");
		properties.put("server.port", "0");
		return properties;
	}

	/** {@code bench.web=false}: no web server; then the variant's own properties, over everything before. */
	private static void webAndVariant(AppArgs app, Map<String, Object> properties) {
		if (!app.layer("bench.web")) {
			properties.put("spring.main.web-application-type", "none");
		}
		properties.putAll(app.properties());
	}

}
