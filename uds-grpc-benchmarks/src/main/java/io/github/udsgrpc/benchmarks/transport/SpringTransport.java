package io.github.udsgrpc.benchmarks.transport;

import java.util.LinkedHashMap;
import java.util.Map;

import net.devh.boot.grpc.client.channelfactory.GrpcChannelFactory;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot application context serving {@link BenchService}, whose channels come from the context's
 * {@link GrpcChannelFactory}, as an {@code @GrpcClient} gets them: client {@code bench} for the long-lived channel,
 * a new client name (configured through {@code grpc.client.GLOBAL.*}) for every new channel.
 */
abstract class SpringTransport extends GrpcTransport {

	/**
	 * Every context logs at WARN. Spring Boot re-initialises logging for each context of the JVM, so all of them
	 * must agree. Netty's bootstrap logs a warning per connection when grpc-java asks for SO_KEEPALIVE on a domain
	 * socket (net.devh's socket channels and the hand-wired one do): that is muted, or the connect workload would
	 * time console output.
	 */
	static final Map<String, String> LOGGING = Map.of("logging.level.root", "WARN", "logging.level.io.netty.bootstrap",
			"ERROR");

	private ConfigurableApplicationContext context;

	private GrpcChannelFactory channelFactory;

	SpringTransport(String name, Side side) {
		super(name, side);
	}

	/**
	 * The properties that start the server.
	 * @return {@code key -> value}
	 */
	abstract Map<String, String> serverProperties();

	/**
	 * The properties of the client side: where client {@code bench} and every other client connect.
	 * @return {@code key -> value}
	 */
	abstract Map<String, String> clientProperties();

	/**
	 * Properties of the variant, for both sides (the starter's settings apply to its listeners and its channels).
	 * @return {@code key -> value}
	 */
	abstract Map<String, String> variantProperties();

	/**
	 * The context's properties for {@link #side}. A client-only context still has net.devh's server
	 * auto-configuration: {@code grpc.server.port=-1} keeps it from listening on its default port 9090.
	 * @return {@code key -> value}
	 */
	Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		if (this.side.hasServer()) {
			properties.putAll(serverProperties());
		}
		else {
			properties.put("grpc.server.port", "-1");
		}
		if (this.side.hasClient()) {
			properties.putAll(clientProperties());
		}
		properties.putAll(variantProperties());
		return properties;
	}

	@Override
	void startSides() {
		Map<String, Object> properties = new LinkedHashMap<>(LOGGING);
		properties.putAll(properties());
		this.context = new SpringApplicationBuilder(BenchApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(properties)
			.run();
		this.channelFactory = this.context.getBean(GrpcChannelFactory.class);
	}

	@Override
	io.grpc.Channel openChannel(String clientName) {
		return this.channelFactory.createChannel(clientName);
	}

	@Override
	void stopSides() {
		if (this.context != null) {
			this.context.close();
		}
	}

	/** The client properties for a target, for client {@code bench} and as the default of every other client. */
	static Map<String, String> client(String address, boolean plaintext) {
		Map<String, String> properties = new LinkedHashMap<>();
		for (String client : new String[] { "bench", "GLOBAL" }) {
			properties.put("grpc.client." + client + ".address", address);
			if (plaintext) {
				properties.put("grpc.client." + client + ".negotiation-type", "plaintext");
			}
		}
		return properties;
	}

}
