package io.github.udsgrpc.benchmarks.boot4;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.udsgrpc.benchmarks.driver.AppArgs;
import io.github.udsgrpc.benchmarks.driver.ChannelTransport;
import io.github.udsgrpc.benchmarks.driver.ChildMain;
import io.github.udsgrpc.benchmarks.driver.ClientDriver;
import io.github.udsgrpc.benchmarks.driver.Layers;
import io.github.udsgrpc.benchmarks.proto.BenchGrpc;
import io.github.udsgrpc.benchmarks.report.CpuMeter;
import io.github.udsgrpc.benchmarks.service.BenchServiceImpl;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannelBuilder;
import io.grpc.ServerInterceptor;
import io.netty.util.Version;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelBuilderCustomizer;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.client.ImportGrpcClients;

/**
 * The benchmark's application on the Spring Boot 4.1 line (Spring gRPC): spring-boot-starter-webmvc,
 * spring-boot-starter-actuator (with it Boot adds Micrometer's gRPC observation interceptors to the server and every
 * channel) and this starter where the transport is ours. Run by the harness as a server JVM or a client JVM
 * ({@link AppArgs}); the client calls through a stub bean of {@code @ImportGrpcClients} and runs the
 * {@link ClientDriver}; the connect workload's channels come from Boot's {@link GrpcChannelFactory}.
 *
 * <p>
 * Transports: {@code boot4-starter-uds} ({@code grpc.uds.path}), {@code boot4-uds} (Boot's own socket server,
 * {@code spring.grpc.server.netty.domain-socket-path}), {@code boot4-tcp}; the harness leaves this starter's jars off
 * the class path for the last two (with the starter present, Boot's socket path would be served by the starter).
 * Layers, each on unless set to {@code false}: {@code bench.observations} (Boot's gRPC observations, server and
 * client), {@code bench.metrics} (the meters those observations record: {@code management.metrics.enable.grpc}),
 * {@code bench.web} (the servlet web server), {@code bench.actuator} (every actuator and Micrometer
 * auto-configuration, see {@link ActuatorLayerFilter}).
 */
@SpringBootApplication
public class Boot4Main {

	public static void main(String[] args) {
		AppArgs app = AppArgs.parse(args);
		ConfigurableApplicationContext context;
		try {
			context = new SpringApplicationBuilder(Boot4Main.class).properties(properties(app)).run();
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
			BenchGrpc.BenchBlockingStub stub = context.getBean(BenchGrpc.BenchBlockingStub.class);
			GrpcChannelFactory factory = context.getBean(GrpcChannelFactory.class);
			ChannelTransport transport = new ChannelTransport(app.kind(), stub.getChannel(),
					(name) -> factory.createChannel("bench"));
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
		properties.put("logging.level.io.netty.bootstrap", "ERROR");
		properties.put("server.port", "0");
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
		if (!app.layer("bench.web")) {
			properties.put("spring.main.web-application-type", "none");
		}
		properties.putAll(app.properties());
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
				+ ", Spring gRPC " + GrpcChannelFactory.class.getPackage().getImplementationVersion();
	}

	/** The service: Boot serves every {@code BindableService} bean. */
	@Bean
	BenchServiceImpl benchService() {
		return new BenchServiceImpl();
	}

	/** The client's stub bean, as a user of Boot 4.1 declares it. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("bench.client")
	@ImportGrpcClients(target = "bench", types = BenchGrpc.BenchBlockingStub.class)
	static class Client {

	}

	/** {@code bench.plaintext}: what a user of Boot's {@code unix:} channels adds so that they speak plaintext. */
	@Bean
	@ConditionalOnProperty("bench.plaintext")
	<T extends ManagedChannelBuilder<T>> GrpcChannelBuilderCustomizer<T> plaintext() {
		return (name, builder) -> builder.usePlaintext();
	}

}
