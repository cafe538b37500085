package io.github.udsgrpc.benchmarks.app;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * {@code bench.actuator=false}: none of the actuator's auto-configurations runs, as if it were not on the class
 * path. Without them there is no {@code MeterRegistry} and no {@code ObservationRegistry} bean, so net.devh adds
 * neither its metric-collecting interceptors nor Micrometer's observation interceptors.
 */
public class ActuatorLayerFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	private boolean actuator = true;

	@Override
	public void setEnvironment(Environment environment) {
		this.actuator = environment.getProperty("bench.actuator", Boolean.class, true);
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < matches.length; i++) {
			String name = autoConfigurationClasses[i];
			matches[i] = this.actuator || name == null || !name.startsWith("org.springframework.boot.actuate.");
		}
		return matches;
	}

}
