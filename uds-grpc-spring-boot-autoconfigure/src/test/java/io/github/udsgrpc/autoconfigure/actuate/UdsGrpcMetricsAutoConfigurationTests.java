package io.github.udsgrpc.autoconfigure.actuate;

import java.nio.file.Path;
import java.util.Map;

import io.github.udsgrpc.autoconfigure.testsupport.NetDevhLine;
import io.github.udsgrpc.autoconfigure.testsupport.SocketServerContextRunner;
import io.github.udsgrpc.boot.actuate.ConnectionLimitScenarios;
import io.github.udsgrpc.boot.actuate.SocketListenerMetrics;
import io.github.udsgrpc.server.UdsListeners;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The socket listener metrics on the Boot 3.5 line: when {@link UdsGrpcMetricsAutoConfiguration} adds them and when
 * not, and the connection limit scenarios both lines share ({@link ConnectionLimitScenarios}) against the line's echo
 * application, with the health details of its {@link UdsGrpcHealthIndicator}.
 */
class UdsGrpcMetricsAutoConfigurationTests {

	private final ShortTempDir dir = new ShortTempDir();

	private final ApplicationContextRunner runner = SocketServerContextRunner.create()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				UdsGrpcMetricsAutoConfiguration.class));

	@AfterEach
	void cleanUp() {
		this.dir.close();
	}

	private Path socket() {
		return this.dir.socket("m.sock");
	}

	@Test
	void aSocketServerWithAMeterRegistryGetsItsListenersMetersBoundByBoot() {
		this.runner.withPropertyValues("grpc.uds.path=" + socket(), "grpc.uds.max-connections=3").run((context) -> {
			assertThat(context).hasSingleBean(SocketListenerMetrics.class).hasBean("udsGrpcSocketListenerMetrics");
			assertThat(context.getBean(UdsListeners.class).asList()).hasSize(1);
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
	void withoutAMeterRegistryThereAreNoSocketMeters() {
		SocketServerContextRunner.create()
			.withConfiguration(AutoConfigurations.of(UdsGrpcMetricsAutoConfiguration.class))
			.withPropertyValues("grpc.uds.path=" + socket())
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(MeterRegistry.class);
				assertThat(context).doesNotHaveBean(SocketListenerMetrics.class);
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
			super(NetDevhLine.INSTANCE);
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
