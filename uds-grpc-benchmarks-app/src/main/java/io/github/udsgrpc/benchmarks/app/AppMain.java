package io.github.udsgrpc.benchmarks.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.udsgrpc.benchmarks.driver.AppArgs;
import io.github.udsgrpc.benchmarks.driver.ChannelTransport;
import io.github.udsgrpc.benchmarks.driver.ChildMain;
import io.github.udsgrpc.benchmarks.driver.ClientDriver;
import io.github.udsgrpc.benchmarks.driver.Layers;
import io.github.udsgrpc.benchmarks.report.CpuMeter;
import io.github.udsgrpc.benchmarks.service.BenchServiceImpl;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ServerInterceptor;
import io.netty.util.Version;
import net.devh.boot.grpc.client.channelfactory.GrpcChannelConfigurer;
import net.devh.boot.grpc.client.channelfactory.GrpcChannelFactory;
import net.devh.boot.grpc.client.inject.GrpcClient;
import net.devh.boot.grpc.server.service.GrpcService;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The benchmark's application on the Spring Boot 3.5 line, as a user has it: spring-boot-starter-web,
 * spring-boot-starter-actuator (with it net.devh 3.1.0 adds its metric-collecting interceptors and Micrometer's
 * observation interceptors to every server and channel), net.devh, and this starter where the transport is ours.
 * Run by the harness as a server JVM or a client JVM ({@link AppArgs}); the client calls through an injected
 * {@code @GrpcClient} channel and runs the {@link ClientDriver}.
 *
 * <p>
 * Transports: {@code starter-uds} ({@code grpc.uds.path}), {@code netdevh-uds} ({@code grpc.server.address=unix:}),
 * {@code netdevh-tcp}; the harness leaves this starter's jars off the class path for the last two. Layers, each on
 * unless set to {@code false}: {@code bench.observations} (net.devh's Micrometer observation auto-configurations),
 * {@code bench.metrics} (net.devh's metric auto-configurations), {@code bench.web} (the servlet web server),
 * {@code bench.actuator} (every actuator auto-configuration, see {@link ActuatorLayerFilter}).
 */
@SpringBootApplication
public class AppMain {

	private static final List<String> OBSERVATIONS = List.of(
			"net.devh.boot.grpc.server.autoconfigure.GrpcServerMicrometerTraceAutoConfiguration",
			"net.devh.boot.grpc.client.autoconfigure.GrpcClientMicrometerTraceAutoConfiguration");

	private static final List<String> METRICS = List.of(
			"net.devh.boot.grpc.server.autoconfigure.GrpcServerMetricAutoConfiguration",
			"net.devh.boot.grpc.client.autoconfigure.GrpcClientMetricAutoConfiguration");

	public static void main(String[] args) {
		AppArgs app = AppArgs.parse(args);
		ConfigurableApplicationContext context;
		try {
			context = new SpringApplicationBuilder(AppMain.class).properties(properties(app)).run();
		}
		catch (RuntimeException ex) {
			ChildMain.failed("the " + (app.client() ? "client" : "server") + " of " + app.kind(), ex);
			return;
		}
		if (!app.client()) {
			ChildMain.serve(context, Map.of("layers", layers(context)));
			return;
		}
		try {
			if (app.serverPid() > 0) {
				CpuMeter.countPeers(app.serverPid());
			}
			Channel channel = context.getBean(Client.class).channel;
			GrpcChannelFactory factory = context.getBean(GrpcChannelFactory.class);
			// With interceptors (actuator on the class path) net.devh hands out a wrapped channel that cannot be
			// closed: then the connect workload does not apply.
			Channel probe = factory.createChannel("probe");
			boolean closable = probe instanceof ManagedChannel;
			if (probe instanceof ManagedChannel managed) {
				managed.shutdownNow();
			}
			ChannelTransport transport = new ChannelTransport(app.kind(), channel,
					closable ? (name) -> (ManagedChannel) factory.createChannel(name) : null);
			new ClientDriver(transport, app.connectCount(), ChildMain.protocolOutput()).serve(System.in,
					Map.of("versions", versions(), "layers", layers(context)));
			ChildMain.exit(context, 0);
		}
		catch (Exception ex) {
			ex.printStackTrace(System.out);
			ChildMain.exit(context, 1);
		}
	}

	/** The application's properties: the transport's, the layers', the variant's. */
	static Map<String, Object> properties(AppArgs app) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.log-startup-info", "false");
		properties.put("logging.level.root", "WARN");
		// grpc-java asks for SO_KEEPALIVE on net.devh's socket channels: Netty warns once per connection.
		properties.put("logging.level.io.netty.bootstrap", "ERROR");
		properties.put("server.port", "0");
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
			excluded.addAll(OBSERVATIONS);
		}
		if (!app.layer("bench.metrics")) {
			excluded.addAll(METRICS);
		}
		if (!app.layer("bench.web")) {
			properties.put("spring.main.web-application-type", "none");
		}
		properties.putAll(app.properties());
		Object more = properties.get("spring.autoconfigure.exclude");
		if (more != null) {
			excluded.add(more.toString());
		}
		if (!excluded.isEmpty()) {
			properties.put("spring.autoconfigure.exclude", String.join(",", excluded));
		}
		return properties;
	}

	/** The gRPC interceptor beans of the context and its web server. */
	private static String layers(ConfigurableApplicationContext context) {
		List<Object> interceptors = new ArrayList<>();
		interceptors.addAll(context.getBeansOfType(ServerInterceptor.class).values());
		interceptors.addAll(context.getBeansOfType(ClientInterceptor.class).values());
		String web = (context instanceof WebServerApplicationContext webContext)
				? webContext.getWebServer().getClass().getSimpleName() + " on port " + webContext.getWebServer().getPort()
				: null;
		return Layers.describe(interceptors, web);
	}

	private static String versions() {
		Version netty = Version.identify().get("netty-transport-native-epoll");
		return "grpc-java " + io.grpc.internal.GrpcUtil.IMPLEMENTATION_VERSION + ", Netty "
				+ ((netty != null) ? netty.artifactVersion() : "?") + ", Spring Boot " + SpringBootVersion.getVersion()
				+ ", net.devh " + GrpcService.class.getPackage().getImplementationVersion();
	}

	/** The service, found by net.devh through its annotation. */
	@GrpcService
	static class Bench extends BenchServiceImpl {

	}

	/** Where the client's channel is injected, as into any bean of a user's application. */
	@Component
	@ConditionalOnProperty(name = "grpc.server.port", havingValue = "-1")
	static class Client {

		@GrpcClient("bench")
		Channel channel;

	}

	/** {@code bench.authority}: what a user adds so that net.devh's {@code unix:} channels work with Micrometer. */
	@Bean
	@ConditionalOnProperty("bench.authority")
	GrpcChannelConfigurer authorityOverride(@Value("${bench.authority}") String authority) {
		return (builder, name) -> builder.overrideAuthority(authority);
	}

}
