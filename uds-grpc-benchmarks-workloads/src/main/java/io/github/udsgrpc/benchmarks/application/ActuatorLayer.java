package io.github.udsgrpc.benchmarks.application;

import java.util.List;

/**
 * The {@code bench.actuator} layer: with {@code bench.actuator=false} each line's {@code ActuatorLayerFilter} (an
 * auto-configuration import filter, one per line as it is Spring's type) drops every auto-configuration whose class
 * name starts with one of its line's prefixes, as if the actuator were not on the class path.
 */
public final class ActuatorLayer {

	/** The property that switches the layer, on unless {@code false}. */
	public static final String PROPERTY = "bench.actuator";

	/**
	 * The Boot 3.5 line: the actuator's auto-configurations, Micrometer's among them. Without them there is no
	 * {@code MeterRegistry} and no {@code ObservationRegistry} bean, so net.devh adds neither its metric-collecting
	 * interceptors nor Micrometer's observation interceptors.
	 */
	public static final List<String> BOOT35_PREFIXES = List.of("org.springframework.boot.actuate.");

	/**
	 * The Boot 4.1 line: the actuator's and Micrometer's auto-configurations (Boot 4 has them in packages of their
	 * own). Without them there is no {@code ObservationRegistry} bean, so Boot adds no gRPC observation interceptor
	 * to the server or the channels.
	 */
	public static final List<String> BOOT41_PREFIXES = List.of("org.springframework.boot.actuate.",
			"org.springframework.boot.micrometer.");

	private ActuatorLayer() {
	}

	/**
	 * Which auto-configurations may run, as an import filter answers.
	 * @param autoConfigurationClasses the candidates' class names (null entries: already dropped)
	 * @param actuator whether the layer is on: then every candidate may run
	 * @param prefixes the line's prefixes of the auto-configurations the layer consists of
	 * @return for each candidate, whether it may run
	 */
	public static boolean[] match(String[] autoConfigurationClasses, boolean actuator, List<String> prefixes) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < matches.length; i++) {
			String name = autoConfigurationClasses[i];
			matches[i] = actuator || name == null || prefixes.stream().noneMatch(name::startsWith);
		}
		return matches;
	}

}
