package io.github.udsgrpc.benchmarks.application;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ActuatorLayer}: which auto-configurations each line's import filter drops.
 */
class ActuatorLayerTests {

	private static final String[] CANDIDATES = {
			"org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
			"org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration", null,
			"io.github.udsgrpc.autoconfigure.UdsGrpcServerAutoConfiguration",
			"org.springframework.boot.actuator.NotAPrefixMatch" };

	@Test
	void withTheLayerOnEveryCandidateMayRun() {
		assertThat(ActuatorLayer.match(CANDIDATES, true, ActuatorLayer.BOOT35_PREFIXES)).containsOnly(true)
			.hasSize(CANDIDATES.length);
		assertThat(ActuatorLayer.match(CANDIDATES, true, ActuatorLayer.BOOT41_PREFIXES)).containsOnly(true)
			.hasSize(CANDIDATES.length);
	}

	@Test
	void boot35DropsTheActuatorsAutoConfigurations() {
		assertThat(ActuatorLayer.match(CANDIDATES, false, ActuatorLayer.BOOT35_PREFIXES))
			.containsExactly(false, true, true, true, true, true);
	}

	@Test
	void boot41DropsTheActuatorsAndMicrometersAutoConfigurations() {
		assertThat(ActuatorLayer.match(CANDIDATES, false, ActuatorLayer.BOOT41_PREFIXES))
			.containsExactly(false, false, true, true, true, true);
	}

	@Test
	void noCandidates() {
		assertThat(ActuatorLayer.match(new String[0], false, ActuatorLayer.BOOT41_PREFIXES)).isEmpty();
	}

}
