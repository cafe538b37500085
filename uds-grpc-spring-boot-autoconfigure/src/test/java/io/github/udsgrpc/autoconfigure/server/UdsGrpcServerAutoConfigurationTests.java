package io.github.udsgrpc.autoconfigure.server;

import java.nio.file.Path;

import io.github.udsgrpc.autoconfigure.socket.UdsEventLoops;
import io.github.udsgrpc.autoconfigure.testsupport.ShortTempDir;
import io.github.udsgrpc.autoconfigure.testsupport.SocketServerContextRunner;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import net.devh.boot.grpc.server.serverfactory.GrpcServerFactory;
import net.devh.boot.grpc.server.serverfactory.GrpcServerLifecycle;
import net.devh.boot.grpc.server.serverfactory.InProcessGrpcServerFactory;
import net.devh.boot.grpc.server.serverfactory.NettyGrpcServerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
	void aNegativeThreadCountIsRefused() {
		this.runner.withPropertyValues("grpc.uds.path=" + this.dir.socket("t.sock"), "grpc.uds.event-loop-threads=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("grpc.uds.event-loop-threads must be 0 or more, was -1"));
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
	void aFlowControlWindowBelowHttp2sMinimumIsRefused() {
		this.runner.withPropertyValues("grpc.uds.path=" + this.dir.socket("w.sock"), "grpc.uds.flow-control-window=1KB")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("grpc.uds.flow-control-window must be between 64KB and 2GB, was 1024B"));
	}

	@Test
	void aFlowControlWindowIsAccepted() {
		this.runner.withPropertyValues("grpc.uds.path=" + this.dir.socket("w.sock"), "grpc.uds.flow-control-window=4MB")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(io.github.udsgrpc.autoconfigure.UdsGrpcProperties.class)
					.flowControlWindowBytes()).isEqualTo(4 * 1024 * 1024);
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
