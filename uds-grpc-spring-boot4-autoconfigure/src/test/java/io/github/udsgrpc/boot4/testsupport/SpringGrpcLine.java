package io.github.udsgrpc.boot4.testsupport;

import java.time.Duration;

import io.github.udsgrpc.boot.load.ServerProbe;
import io.github.udsgrpc.boot.load.ServerProbe.CallTracker;
import io.github.udsgrpc.boot.load.ServerProbe.TransportCounter;
import io.github.udsgrpc.boot.process.BootLine;
import io.github.udsgrpc.boot.testsupport.EchoStubs;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.grpc.netty.NettyServerBuilder;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.ImportGrpcClients;
import org.springframework.grpc.server.ServerBuilderCustomizer;
import org.springframework.util.unit.DataSize;

/**
 * The Boot 4.1 line's echo application ({@link EchoApp4} on Spring Boot's own gRPC), for the scenarios both lines
 * share.
 */
public final class SpringGrpcLine implements BootLine {

	/** The one instance. */
	public static final BootLine INSTANCE = new SpringGrpcLine();

	private SpringGrpcLine() {
	}

	@Override
	public Class<?> serverMain() {
		return EchoServerMain4.class;
	}

	@Override
	public ConfigurableApplicationContext run(Class<?>[] extra, String... properties) {
		return EchoApp4.run(extra, properties);
	}

	@Override
	public Class<?> whoAmIService() {
		return WhoAmIService4.class;
	}

	@Override
	public String echoClientTarget(String target) {
		return "spring.grpc.client.channel.echo.target=" + target;
	}

	@Override
	public Class<?>[] loadConfiguration() {
		return new Class<?>[] { EchoClients.class, ProbeCustomizer.class };
	}

	@Override
	public EchoStubs echoStubs(ConfigurableApplicationContext context) {
		return new EchoStubs(context.getBean(EchoGrpc.EchoBlockingStub.class), context.getBean(EchoGrpc.EchoStub.class));
	}

	@Override
	public String gracePeriod(Duration period) {
		return "spring.grpc.server.shutdown.grace-period=" + period.toMillis() + "ms";
	}

	@Override
	public String maxInboundMessageSize(DataSize size) {
		return "spring.grpc.server.inbound.message.max-size=" + size.toBytes() + "B";
	}

	@Override
	public String maxInboundMetadataSize(DataSize size) {
		return "spring.grpc.server.inbound.metadata.max-size=" + size.toBytes() + "B";
	}

	/** Stubs of the channel named {@code echo}, as a Boot 4.1 application declares them. */
	@Configuration(proxyBeanMethods = false)
	@ImportGrpcClients(target = "echo", types = { EchoGrpc.EchoBlockingStub.class, EchoGrpc.EchoStub.class })
	static class EchoClients {

	}

	/** The probes, given to every server as Spring Boot applies a {@link ServerBuilderCustomizer} bean. */
	@Configuration(proxyBeanMethods = false)
	static class ProbeCustomizer {

		@Bean
		ServerBuilderCustomizer<NettyServerBuilder> loadProbeCustomizer(TransportCounter transports,
				CallTracker calls) {
			return (builder) -> ServerProbe.install(builder, transports, calls);
		}

	}

}
