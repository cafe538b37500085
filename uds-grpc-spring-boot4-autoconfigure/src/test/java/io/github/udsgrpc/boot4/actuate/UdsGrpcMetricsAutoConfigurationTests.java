package io.github.udsgrpc.boot4.actuate;

import java.nio.file.Path;
import java.util.Map;

import io.github.udsgrpc.boot.actuate.ConnectionLimitScenarios;
import io.github.udsgrpc.boot.actuate.SocketListenerMetrics;
import io.github.udsgrpc.boot4.autoconfigure.actuate.UdsGrpcHealthIndicator;
import io.github.udsgrpc.boot4.testsupport.EchoApp4;
import io.github.udsgrpc.boot4.testsupport.SpringGrpcLine;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The socket listener metrics on the Boot 4.1 line: when {@code UdsGrpcMetricsAutoConfiguration} adds them to the
 * echo application (everything auto-configured from the test class path, Boot's Micrometer metrics included) and
 * when not, and the connection limit scenarios both lines share ({@link ConnectionLimitScenarios}) against that
 * application, with the health details of its {@link UdsGrpcHealthIndicator}.
 */
class UdsGrpcMetricsAutoConfigurationTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(EchoApp4.class)
		.withPropertyValues("spring.grpc.server.port=0");

	private Path socket() {
		return this.dir.socket("m.sock");
	}

	@Test
	void aSocketServerWithBootsMetricsGetsItsListenersMetersBound() {
		this.runner.withPropertyValues("grpc.uds.path=" + socket(), "grpc.uds.max-connections=3").run((context) -> {
			assertThat(context).hasSingleBean(SocketListenerMetrics.class).hasBean("udsGrpcSocketListenerMetrics");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("grpc.uds.connections").tag("listener", "default").gauge().value()).isZero();
			assertThat(meters.get("grpc.uds.connections.max").tag("listener", "default").gauge().value()).isEqualTo(3);
			assertThat(meters.get("grpc.uds.connections.refused").tag("listener", "default").functionCounter().count())
				.isZero();
			assertThat(meters.get("grpc.uds.accept.failures").tag("listener", "default").functionCounter().count())
				.isZero();
		});
	}

	@Test
	void withoutASocketServerThereAreNoSocketMeters() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(SocketListenerMetrics.class);
			assertThat(context.getBean(MeterRegistry.class).find("grpc.uds.connections").meters()).isEmpty();
		});
	}

	@Test
	void withoutAMeterRegistryThereAreNoSocketMetersAndTheServerStillRuns() {
		this.runner
			.withPropertyValues("grpc.uds.path=" + socket(),
					"spring.autoconfigure.exclude=" + MetricsAutoConfiguration.class.getName() + ","
							+ CompositeMeterRegistryAutoConfiguration.class.getName() + ","
							+ SimpleMetricsExportAutoConfiguration.class.getName())
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(MeterRegistry.class);
				assertThat(context).doesNotHaveBean(SocketListenerMetrics.class);
				assertThat(socket()).exists();
			});
	}

	@Test
	void withoutMicrometerThereAreNoSocketMetersAndTheServerStillRuns() {
		this.runner.withPropertyValues("grpc.uds.path=" + socket())
			.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(SocketListenerMetrics.class);
				assertThat(socket()).exists();
			});
	}

	@Test
	void bootsMeterFilterPropertyTurnsThemOff() {
		this.runner.withPropertyValues("grpc.uds.path=" + socket(), "management.metrics.enable.grpc.uds=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(SocketListenerMetrics.class);
				assertThat(context.getBean(MeterRegistry.class).find("grpc.uds.connections").meters()).isEmpty();
				assertThat(context.getBean(MeterRegistry.class).getMeters())
					.noneMatch((meter) -> meter.getId().getName().startsWith("grpc.uds."));
			});
	}

	@Test
	void anApplicationsOwnBeanOfThatNameReplacesIt() {
		this.runner.withPropertyValues("grpc.uds.path=" + socket())
			.withBean("udsGrpcSocketListenerMetrics", MeterBinder.class, () -> (registry) -> {
			})
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SocketListenerMetrics.class);
				assertThat(context.getBean(MeterRegistry.class).find("grpc.uds.connections").meters()).isEmpty();
			});
	}

	@Nested
	class ConnectionLimits extends ConnectionLimitScenarios {

		ConnectionLimits() {
			super(SpringGrpcLine.INSTANCE);
		}

		@Override
		@SuppressWarnings("unchecked")
		protected Map<String, Object> listenerHealth(ConfigurableApplicationContext context, String listener) {
			Health health = context.getBean(UdsGrpcHealthIndicator.class).health();
			Map<String, Object> listeners = (Map<String, Object>) health.getDetails().get("listeners");
			assertThat(listeners).as("listeners in %s", health).containsKey(listener);
			return (Map<String, Object>) listeners.get(listener);
		}

	}

}
