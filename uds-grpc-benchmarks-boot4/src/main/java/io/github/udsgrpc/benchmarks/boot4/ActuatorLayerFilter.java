package io.github.udsgrpc.benchmarks.boot4;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * {@code bench.actuator=false}: none of the actuator's and Micrometer's auto-configurations runs, as if they were
 * not on the class path. Without them there is no {@code ObservationRegistry} bean, so Boot adds no gRPC
 * observation interceptor to the server or the channels.
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
			matches[i] = this.actuator || name == null || !(name.startsWith("org.springframework.boot.actuate.")
					|| name.startsWith("org.springframework.boot.micrometer."));
		}
		return matches;
	}

}
