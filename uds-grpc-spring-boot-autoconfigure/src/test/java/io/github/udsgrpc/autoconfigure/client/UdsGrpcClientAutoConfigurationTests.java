package io.github.udsgrpc.autoconfigure.client;

import java.nio.file.Path;

import io.github.udsgrpc.autoconfigure.socket.UdsTransportAutoConfiguration;
import io.github.udsgrpc.netdevh.UdsChannelFactory;
import io.github.udsgrpc.socket.UdsAddress;
import io.github.udsgrpc.socket.UdsEventLoops;
import net.devh.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import net.devh.boot.grpc.client.channelfactory.GrpcChannelFactory;
import net.devh.boot.grpc.client.channelfactory.InProcessChannelFactory;
import net.devh.boot.grpc.client.channelfactory.InProcessOrAlternativeChannelFactory;
import net.devh.boot.grpc.client.config.GrpcChannelsProperties;
import net.devh.boot.grpc.client.interceptor.GlobalClientInterceptorRegistry;
import net.devh.boot.grpc.common.autoconfigure.GrpcCommonCodecAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conditions of {@link UdsGrpcClientAutoConfiguration}, beside net.devh's own.
 */
class UdsGrpcClientAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UdsTransportAutoConfiguration.class,
				UdsGrpcClientAutoConfiguration.class, GrpcCommonCodecAutoConfiguration.class,
				GrpcClientAutoConfiguration.class));

	@Test
	void theChannelFactoryUnderstandsSocketsAndKeepsInProcess() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(GrpcChannelFactory.class);
			assertThat(context.getBean(GrpcChannelFactory.class))
				.isInstanceOf(InProcessOrAlternativeChannelFactory.class);
			assertThat(context.getBean(GrpcChannelFactory.class)).extracting("alternativeChannelFactory")
				.isInstanceOf(UdsChannelFactory.class);
		});
	}

	@Test
	void noThreadStartsUntilASocketChannelIsMade() {
		this.runner.withPropertyValues("grpc.client.tcp.address=static://127.0.0.1:1").run((context) -> {
			context.getBean(GrpcChannelFactory.class).createChannel("tcp");
			assertThat(context.getBean(UdsEventLoops.class).isStarted()).isFalse();
		});
	}

	@Test
	void socketChannelsAreRecognizedInEveryForm() {
		this.runner
			.withPropertyValues("grpc.client.a.address=unix:/tmp/a.sock", "grpc.client.b.address=unix:///tmp/b.sock",
					"grpc.client.c.address=unix:c.sock", "grpc.client.d.address=dns:///localhost:9090",
					"grpc.client.e.address=self:self", "grpc.client.f.address=unix-abstract:f.grpc")
			.run((context) -> {
				UdsChannelFactory factory = socketFactory(context);
				assertThat(factory.socketOf("a")).contains(UdsAddress.file(Path.of("/tmp/a.sock")));
				assertThat(factory.socketOf("b")).contains(UdsAddress.file(Path.of("/tmp/b.sock")));
				assertThat(factory.socketOf("c")).contains(UdsAddress.file(Path.of("c.sock").toAbsolutePath()));
				assertThat(factory.socketOf("f")).contains(UdsAddress.abstractName("f.grpc"));
				assertThat(factory.socketOf("d")).isEmpty();
				assertThat(factory.socketOf("e")).as("no socket server here, so self: stays with net.devh")
					.isEmpty();
			});
	}

	@Test
	void aUserChannelFactoryWins() {
		this.runner.withUserConfiguration(UserChannelFactory.class).run((context) -> {
			assertThat(context).hasSingleBean(GrpcChannelFactory.class);
			assertThat(context.getBean(GrpcChannelFactory.class)).isInstanceOf(InProcessChannelFactory.class);
		});
	}

	private static UdsChannelFactory socketFactory(ApplicationContext context) {
		GrpcChannelFactory factory = context.getBean(GrpcChannelFactory.class);
		return (UdsChannelFactory) org.springframework.test.util.ReflectionTestUtils.getField(factory,
				"alternativeChannelFactory");
	}

	@Configuration(proxyBeanMethods = false)
	static class UserChannelFactory {

		@Bean
		InProcessChannelFactory userChannelFactory(GrpcChannelsProperties properties,
				GlobalClientInterceptorRegistry registry) {
			return new InProcessChannelFactory(properties, registry);
		}

	}

}
