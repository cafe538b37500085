package io.github.udsgrpc.autoconfigure.testsupport;

import java.time.Duration;

import io.github.udsgrpc.boot.load.ServerProbe;
import io.github.udsgrpc.boot.load.ServerProbe.CallTracker;
import io.github.udsgrpc.boot.load.ServerProbe.TransportCounter;
import io.github.udsgrpc.boot.process.BootLine;
import io.github.udsgrpc.boot.testsupport.EchoStubs;
import net.devh.boot.grpc.server.serverfactory.GrpcServerConfigurer;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The Boot 3.5 line's echo application ({@link EchoApp} on net.devh's gRPC), for the scenarios both lines share.
 */
public final class NetDevhLine implements BootLine {

	/** The one instance. */
	public static final BootLine INSTANCE = new NetDevhLine();

	private NetDevhLine() {
	}

	@Override
	public Class<?> serverMain() {
		return EchoServerMain.class;
	}

	@Override
	public ConfigurableApplicationContext run(Class<?>[] extra, String... properties) {
		return EchoApp.run(extra, properties);
	}

	@Override
	public Class<?> whoAmIService() {
		return WhoAmIService.class;
	}

	@Override
	public String echoClientTarget(String target) {
		return "grpc.client.echo.address=" + target;
	}

	@Override
	public Class<?>[] loadConfiguration() {
		return new Class<?>[] { ProbeConfigurer.class }; // EchoApp holds EchoClients already
	}

	@Override
	public EchoStubs echoStubs(ConfigurableApplicationContext context) {
		EchoClients clients = context.getBean(EchoClients.class);
		return new EchoStubs(clients.blocking, clients.async);
	}

	@Override
	public String gracePeriod(Duration period) {
		return "grpc.server.shutdown-grace-period=" + period.toMillis() + "ms";
	}

	@Override
	public String maxInboundMessageSize(DataSize size) {
		return "grpc.server.max-inbound-message-size=" + size.toBytes() + "B";
	}

	@Override
	public String maxInboundMetadataSize(DataSize size) {
		return "grpc.server.max-inbound-metadata-size=" + size.toBytes() + "B";
	}

	/** The probes, given to every server as net.devh applies a {@link GrpcServerConfigurer} bean. */
	@Configuration(proxyBeanMethods = false)
	static class ProbeConfigurer {

		@Bean
		GrpcServerConfigurer loadProbeConfigurer(TransportCounter transports, CallTracker calls) {
			return (builder) -> ServerProbe.install(builder, transports, calls);
		}

	}

}
