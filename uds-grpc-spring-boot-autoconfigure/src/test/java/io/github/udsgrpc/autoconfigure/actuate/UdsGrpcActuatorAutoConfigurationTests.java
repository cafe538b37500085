package io.github.udsgrpc.autoconfigure.actuate;

import java.nio.file.Path;

import io.github.udsgrpc.boot.actuate.UdsGrpcInfoContributor;
import io.github.udsgrpc.autoconfigure.server.UdsGrpcServerAutoConfiguration;
import io.github.udsgrpc.autoconfigure.socket.UdsTransportAutoConfiguration;
import io.github.udsgrpc.autoconfigure.testsupport.EchoService;
import io.github.udsgrpc.testsupport.ShortTempDir;
import net.devh.boot.grpc.common.autoconfigure.GrpcCommonCodecAutoConfiguration;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerFactoryAutoConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the health indicator and the info contributor are there, and when not.
 */
class UdsGrpcActuatorAutoConfigurationTests {

	private final ShortTempDir dir = new ShortTempDir();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UdsTransportAutoConfiguration.class,
				UdsGrpcServerAutoConfiguration.class, GrpcCommonCodecAutoConfiguration.class,
				GrpcServerAutoConfiguration.class, GrpcServerFactoryAutoConfiguration.class,
				UdsGrpcHealthContributorAutoConfiguration.class, UdsGrpcInfoContributorAutoConfiguration.class))
		.withBean(EchoService.class)
		.withPropertyValues("grpc.server.port=0", "grpc.server.address=127.0.0.1");

	@AfterEach
	void cleanUp() {
		this.dir.close();
	}

	private Path socket() {
		return this.dir.socket("a.sock");
	}

	@Test
	void aSocketServerGetsTheHealthIndicatorAndTheInfoContributor() {
		this.runner.withPropertyValues("grpc.uds.path=" + socket()).run((context) -> {
			assertThat(context).hasSingleBean(UdsGrpcHealthIndicator.class);
			assertThat(context).hasSingleBean(UdsGrpcInfoContributor.class);
			assertThat(context).hasBean("udsGrpcHealthIndicator");
		});
	}

	@Test
	void withoutASocketServerThereIsNoHealthIndicatorButTheInfoTellsTheTransport() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(UdsGrpcHealthIndicator.class);
			assertThat(context).hasSingleBean(UdsGrpcInfoContributor.class);
		});
	}

	@Test
	void theHealthIndicatorCanBeSwitchedOff() {
		this.runner.withPropertyValues("grpc.uds.path=" + socket(), "management.health.udsgrpc.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(UdsGrpcHealthIndicator.class));
	}

	@Test
	void theInfoContributorCanBeSwitchedOff() {
		this.runner.withPropertyValues("grpc.uds.path=" + socket(), "management.info.udsgrpc.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(UdsGrpcInfoContributor.class));
	}

	@Test
	void withoutActuatorNeitherIsThereAndTheServerStillRuns() {
		this.runner.withPropertyValues("grpc.uds.path=" + socket())
			.withClassLoader(new FilteredClassLoader(HealthIndicator.class, InfoContributor.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(UdsGrpcHealthIndicator.class);
				assertThat(context).doesNotHaveBean(UdsGrpcInfoContributor.class);
				assertThat(socket()).exists();
			});
	}

}
