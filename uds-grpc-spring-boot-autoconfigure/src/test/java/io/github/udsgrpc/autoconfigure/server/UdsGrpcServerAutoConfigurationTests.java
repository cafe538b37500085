package io.github.udsgrpc.autoconfigure.server;

import java.nio.file.Path;

import io.github.udsgrpc.boot.UdsGrpcProperties;
import io.github.udsgrpc.boot.UdsGrpcPropertyValues;
import io.github.udsgrpc.autoconfigure.testsupport.SocketServerContextRunner;
import io.github.udsgrpc.netdevh.UdsGrpcServerFactory;
import io.github.udsgrpc.netdevh.UdsGrpcServerLifecycle;
import io.github.udsgrpc.server.UdsListener;
import io.github.udsgrpc.server.UdsListenerConfigurer;
import io.github.udsgrpc.server.UdsListeners;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.github.udsgrpc.testsupport.ShortTempDir;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import net.devh.boot.grpc.server.serverfactory.GrpcServerFactory;
import net.devh.boot.grpc.server.serverfactory.GrpcServerLifecycle;
import net.devh.boot.grpc.server.serverfactory.InProcessGrpcServerFactory;
import net.devh.boot.grpc.server.serverfactory.NettyGrpcServerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conditions and properties of {@link UdsGrpcServerAutoConfiguration}, beside net.devh's own.
 */
class UdsGrpcServerAutoConfigurationTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private final ApplicationContextRunner runner = SocketServerContextRunner.create();

	@Test
	void withoutAPathOrListenerNetDevhServesTcpAsBefore() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(UdsGrpcServerFactory.class);
			assertThat(context).doesNotHaveBean(UdsListeners.class);
			assertThat(context).hasSingleBean(NettyGrpcServerFactory.class);
			assertThat(context.getBean(UdsEventLoops.class).isStarted()).isFalse();
		});
	}

	@Test
	void aPathReplacesNetDevhsServerWithTheSocketServer() {
		Path socket = this.dir.socket("a.sock");
		this.runner.withPropertyValues("grpc.uds.path=" + socket).run((context) -> {
			assertThat(context).hasSingleBean(UdsGrpcServerFactory.class);
			assertThat(context).hasSingleBean(GrpcServerFactory.class);
			assertThat(context).hasSingleBean(GrpcServerLifecycle.class);
			assertThat(context.getBean(GrpcServerLifecycle.class)).isInstanceOf(UdsGrpcServerLifecycle.class);
			assertThat(context).doesNotHaveBean(NettyGrpcServerFactory.class);
			assertThat(context.getBean(UdsListeners.class).asList()).singleElement()
				.satisfies((listener) -> {
					assertThat(listener.name()).isEqualTo(UdsListener.DEFAULT_NAME);
					assertThat(listener.path()).isEqualTo(socket);
				});
			assertThat(context.getBean(GrpcServerLifecycle.class).isRunning()).isTrue();
			assertThat(socket).exists();
		});
	}

	@Test
	void anEmptyPathLeavesTheSocketServerOff() {
		this.runner.withPropertyValues("grpc.uds.path=").run((context) -> {
			assertThat(context).doesNotHaveBean(UdsGrpcServerFactory.class);
			assertThat(context).hasSingleBean(NettyGrpcServerFactory.class);
		});
	}

	@Test
	void aListenerConfigurerAloneTurnsTheSocketServerOn() {
		Path socket = this.dir.socket("code.sock");
		this.runner.withBean(UdsListenerConfigurer.class, () -> (listeners) -> listeners.listenUnixSocket(socket))
			.run((context) -> {
				assertThat(context).hasSingleBean(UdsGrpcServerFactory.class);
				assertThat(context.getBean(UdsListeners.class).asList()).extracting(UdsListener::path)
					.containsExactly(socket);
				assertThat(socket).exists();
			});
	}

	@Test
	void thePathListenerComesFirstThenTheConfigurersInOrder() {
		Path fromProperty = this.dir.socket("p.sock");
		Path fromCode = this.dir.socket("c.sock");
		this.runner.withPropertyValues("grpc.uds.path=" + fromProperty)
			.withBean(UdsListenerConfigurer.class, () -> (listeners) -> listeners.listenUnixSocket(fromCode.toString()))
			.run((context) -> assertThat(context.getBean(UdsListeners.class).asList()).extracting(UdsListener::path)
				.containsExactly(fromProperty, fromCode));
	}

	@Test
	void twoListenersOnOnePathFailNamingThePath() {
		Path socket = this.dir.socket("twice.sock");
		this.runner.withPropertyValues("grpc.uds.path=" + socket)
			.withBean(UdsListenerConfigurer.class, () -> (listeners) -> listeners.listenUnixSocket(socket))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("declare the same path " + socket));
	}

	@Test
	void twoListenersWithOneNameFail() {
		this.runner
			.withBean(UdsListenerConfigurer.class,
					() -> (listeners) -> listeners.listenUnixSocket(this.dir.socket("x/a.sock"))
						.listenUnixSocket(this.dir.socket("y/a.sock")))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("are named 'a.sock'"));
	}

	@Test
	void aUserServerFactoryWins() {
		this.runner.withPropertyValues("grpc.uds.path=" + this.dir.socket("unused.sock"))
			.withUserConfiguration(UserServerFactory.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(GrpcServerFactory.class);
				assertThat(context).doesNotHaveBean(UdsGrpcServerFactory.class);
				assertThat(context.getBean(GrpcServerFactory.class)).isInstanceOf(InProcessGrpcServerFactory.class);
			});
	}

	@Test
	void aNegativeThreadCountIsRefusedNamingTheProperty() {
		this.runner.withPropertyValues("grpc.uds.path=" + this.dir.socket("t.sock"), "grpc.uds.event-loop-threads=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessage("Property grpc.uds.event-loop-threads with value '-1' is invalid: must be 0 or more"));
	}

	@Test
	void theEventLoopThreadCountIsApplied() {
		this.runner.withPropertyValues("grpc.uds.path=" + this.dir.socket("t.sock"), "grpc.uds.event-loop-threads=3")
			.run((context) -> {
				UdsEventLoops loops = context.getBean(UdsEventLoops.class);
				assertThat(loops.isStarted()).isTrue();
				int count = 0;
				for (io.netty.util.concurrent.EventExecutor ignored : loops.group()) {
					count++;
				}
				assertThat(count).isEqualTo(3);
			});
	}

	@Test
	void aFlowControlWindowBelowHttp2sMinimumIsRefusedNamingTheProperty() {
		this.runner.withPropertyValues("grpc.uds.path=" + this.dir.socket("w.sock"), "grpc.uds.flow-control-window=1KB")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessage("Property grpc.uds.flow-control-window with value '1024B' is invalid: must be between "
						+ "64KB and 2GB"));
	}

	@Test
	void aFlowControlWindowIsAccepted() {
		this.runner.withPropertyValues("grpc.uds.path=" + this.dir.socket("w.sock"), "grpc.uds.flow-control-window=4MB")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(UdsGrpcPropertyValues.tuning(context.getBean(UdsGrpcProperties.class)).flowControlWindow())
					.isEqualTo(4 * 1024 * 1024);
			});
	}

	@Test
	void aListenerConfigurerOfTheDeprecatedTypeStillDeclaresListeners() {
		Path socket = this.dir.socket("old.sock");
		@SuppressWarnings("removal")
		io.github.udsgrpc.autoconfigure.server.UdsListenerConfigurer old = (listeners) -> listeners
			.listenUnixSocket(socket);
		this.runner.withBean(io.github.udsgrpc.autoconfigure.server.UdsListenerConfigurer.class, () -> old)
			.run((context) -> {
				assertThat(context).hasSingleBean(UdsGrpcServerFactory.class);
				assertThat(context.getBean(UdsListeners.class).asList()).extracting(UdsListener::path)
					.containsExactly(socket);
				assertThat(socket).exists();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserServerFactory {

		@Bean
		InProcessGrpcServerFactory userFactory(GrpcServerProperties properties) {
			return new InProcessGrpcServerFactory("user", properties);
		}

	}

}
