package io.github.udsgrpc.benchmarks.app;

import java.util.Map;

import io.github.udsgrpc.benchmarks.application.AppArgs;
import io.github.udsgrpc.benchmarks.application.AppInfo;
import io.github.udsgrpc.benchmarks.application.AppLauncher;
import io.github.udsgrpc.benchmarks.application.AppProperties;
import io.github.udsgrpc.benchmarks.driver.ChannelTransport;
import io.github.udsgrpc.benchmarks.driver.ClientDriver;
import io.github.udsgrpc.benchmarks.service.BenchServiceImpl;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ServerInterceptor;
import io.grpc.internal.GrpcUtil;
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
import org.springframework.boot.web.server.WebServer;
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
 * Transports ({@link AppProperties#boot35}): {@code starter-uds} ({@code grpc.uds.path}), {@code netdevh-uds}
 * ({@code grpc.server.address=unix:}), {@code netdevh-tcp}; the harness leaves this starter's jars off the class path
 * for the last two. Layers, each on unless set to {@code false}: {@code bench.observations} (net.devh's Micrometer
 * observation auto-configurations), {@code bench.metrics} (net.devh's metric auto-configurations), {@code bench.web}
 * (the servlet web server), {@code bench.actuator} (every actuator auto-configuration, see
 * {@link ActuatorLayerFilter}).
 */
@SpringBootApplication
public class AppMain {

	public static void main(String[] args) {
		AppLauncher.run(args, new Boot35());
	}

	/** What this line's application JVM does with Spring. */
	static final class Boot35 implements AppLauncher.Line<ConfigurableApplicationContext> {

		@Override
		public Map<String, Object> properties(AppArgs app) {
			return AppProperties.boot35(app);
		}

		@Override
		public ConfigurableApplicationContext start(Map<String, Object> properties) {
			return new SpringApplicationBuilder(AppMain.class).properties(properties).run();
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
					"net.devh " + GrpcService.class.getPackage().getImplementationVersion());
		}

		/** The injected {@code @GrpcClient} channel; new channels from net.devh's factory where they can be closed. */
		@Override
		public ChannelTransport transport(AppArgs app, ConfigurableApplicationContext context) {
			Channel channel = context.getBean(Client.class).channel;
			GrpcChannelFactory factory = context.getBean(GrpcChannelFactory.class);
			// With interceptors (actuator on the class path) net.devh hands out a wrapped channel that cannot be
			// closed: then the connect workload does not apply.
			Channel probe = factory.createChannel("probe");
			boolean closable = probe instanceof ManagedChannel;
			if (probe instanceof ManagedChannel managed) {
				managed.shutdownNow();
			}
			return new ChannelTransport(app.kind(), channel,
					closable ? (name) -> (ManagedChannel) factory.createChannel(name) : null);
		}

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
