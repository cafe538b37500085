package io.github.udsgrpc.boot.condition;

import io.github.udsgrpc.server.UdsListenerConfigurer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When {@link ConditionalOnUdsServer} matches: a path with text, or a listener declared in code.
 */
class ConditionalOnUdsServerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(SocketServerConfiguration.class);

	@Test
	void aPathMatches() {
		this.runner.withPropertyValues("grpc.uds.path=/tmp/a.sock")
			.run((context) -> assertThat(context).hasSingleBean(SocketServer.class));
	}

	@Test
	void noPathDoesNotMatch() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(SocketServer.class));
	}

	@Test
	void anEmptyOrBlankPathDoesNotMatchSoThatAProfileCanSwitchTheServerOff() {
		this.runner.withPropertyValues("grpc.uds.path=")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketServer.class));
		this.runner.withPropertyValues("grpc.uds.path=  ")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketServer.class));
	}

	@Test
	void aListenerConfigurerBeanMatchesWithoutAPath() {
		this.runner.withBean(UdsListenerConfigurer.class, () -> (listeners) -> listeners.listenUnixSocket("/tmp/b.sock"))
			.run((context) -> assertThat(context).hasSingleBean(SocketServer.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class SocketServerConfiguration {

		@Bean
		@ConditionalOnUdsServer
		SocketServer socketServer() {
			return new SocketServer();
		}

	}

	static class SocketServer {

	}

}
