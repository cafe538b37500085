package io.github.udsgrpc.benchmarks.app;

import io.github.udsgrpc.benchmarks.application.ActuatorLayer;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * {@code bench.actuator=false} on the Boot 3.5 line: none of the auto-configurations of
 * {@link ActuatorLayer#BOOT35_PREFIXES} runs, as if they were not on the class path.
 */
public class ActuatorLayerFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	private boolean actuator = true;

	@Override
	public void setEnvironment(Environment environment) {
		this.actuator = environment.getProperty(ActuatorLayer.PROPERTY, Boolean.class, true);
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		return ActuatorLayer.match(autoConfigurationClasses, this.actuator, ActuatorLayer.BOOT35_PREFIXES);
	}

}
