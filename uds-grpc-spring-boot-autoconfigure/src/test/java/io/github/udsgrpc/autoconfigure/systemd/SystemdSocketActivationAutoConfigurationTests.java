package io.github.udsgrpc.autoconfigure.systemd;

import io.github.udsgrpc.systemd.InheritedSockets;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SystemdSocketActivationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SystemdSocketActivationAutoConfiguration.class));

	@Test
	void offersInheritedSocketsByDefault() {
		// No LISTEN_FDS in a test JVM: the bean exists and holds nothing.
		this.runner.run((context) -> assertThat(context.getBean(InheritedSockets.class).unclaimed()).isEmpty());
	}

	@Test
	void canBeTurnedOff() {
		this.runner.withPropertyValues("grpc.uds.socket-activation=false")
			.run((context) -> assertThat(context).doesNotHaveBean(InheritedSockets.class));
	}

	@Test
	void aUserBeanWins() {
		InheritedSockets mine = new InheritedSockets();
		this.runner.withBean(InheritedSockets.class, () -> mine)
			.run((context) -> assertThat(context.getBean(InheritedSockets.class)).isSameAs(mine));
	}

}
