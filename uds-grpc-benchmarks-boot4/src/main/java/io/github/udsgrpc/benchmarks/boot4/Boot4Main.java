package io.github.udsgrpc.benchmarks.boot4;

import java.util.Map;

import io.github.udsgrpc.benchmarks.application.AppArgs;
import io.github.udsgrpc.benchmarks.application.AppInfo;
import io.github.udsgrpc.benchmarks.application.AppLauncher;
import io.github.udsgrpc.benchmarks.application.AppProperties;
import io.github.udsgrpc.benchmarks.driver.ChannelTransport;
import io.github.udsgrpc.benchmarks.driver.ClientDriver;
import io.github.udsgrpc.benchmarks.proto.BenchGrpc;
import io.github.udsgrpc.benchmarks.service.BenchServiceImpl;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannelBuilder;
import io.grpc.ServerInterceptor;
import io.grpc.internal.GrpcUtil;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.WebServer;
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
 * Transports ({@link AppProperties#boot41}): {@code boot4-starter-uds} ({@code grpc.uds.path}), {@code boot4-uds}
 * (Boot's own socket server, {@code spring.grpc.server.netty.domain-socket-path}), {@code boot4-tcp}; the harness
 * leaves this starter's jars off the class path for the last two (with the starter present, Boot's socket path would be
 * served by the starter). Layers, each on unless set to {@code false}: {@code bench.observations} (Boot's gRPC
 * observations, server and client), {@code bench.metrics} (the meters those observations record:
 * {@code management.metrics.enable.grpc}), {@code bench.web} (the servlet web server), {@code bench.actuator} (every
 * actuator and Micrometer auto-configuration, see {@link ActuatorLayerFilter}).
 */
@SpringBootApplication
public class Boot4Main {

	public static void main(String[] args) {
		AppLauncher.run(args, new Boot41());
	}

	/** What this line's application JVM does with Spring. */
	static final class Boot41 implements AppLauncher.Line<ConfigurableApplicationContext> {

		@Override
		public Map<String, Object> properties(AppArgs app) {
			return AppProperties.boot41(app);
		}

		@Override
		public ConfigurableApplicationContext start(Map<String, Object> properties) {
			return new SpringApplicationBuilder(Boot4Main.class).properties(properties).run();
		}

		/** The gRPC interceptor beans of the context and its web server. */
		@Override
		public String layers(ConfigurableApplicationContext context) {
			WebServer web = (context instanceof WebServerApplicationContext webContext) ? webContext.getWebServer()
					: null;
			return AppInfo.layers(context.getBeansOfType(ServerInterceptor.class).values(),
					context.getBeansOfType(ClientInterceptor.class).values(), web, (web != null) ? web.getPort() : 0);
		}

		@Override
		public String versions() {
			return AppInfo.versions(GrpcUtil.IMPLEMENTATION_VERSION, SpringBootVersion.getVersion(),
					"Spring gRPC " + GrpcChannelFactory.class.getPackage().getImplementationVersion());
		}

		/** The stub bean's channel; new channels from Boot's factory. */
		@Override
		public ChannelTransport transport(AppArgs app, ConfigurableApplicationContext context) {
			BenchGrpc.BenchBlockingStub stub = context.getBean(BenchGrpc.BenchBlockingStub.class);
			GrpcChannelFactory factory = context.getBean(GrpcChannelFactory.class);
			return new ChannelTransport(app.kind(), stub.getChannel(), (name) -> factory.createChannel("bench"));
		}

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
