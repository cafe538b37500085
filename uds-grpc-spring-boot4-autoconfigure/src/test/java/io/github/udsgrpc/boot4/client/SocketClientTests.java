package io.github.udsgrpc.boot4.client;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.udsgrpc.boot4.testsupport.Causes;
import io.github.udsgrpc.boot4.testsupport.EchoApp4;
import io.github.udsgrpc.boot4.testsupport.SeenCalls;
import io.github.udsgrpc.socket.SocketPathLimit;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.github.udsgrpc.springgrpc.UdsGrpcChannelFactory;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.github.udsgrpc.testsupport.transport.TestTransport;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.client.ImportGrpcClients;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link UdsGrpcChannelFactory} in whole Spring Boot 4.1 applications: stubs of {@code @ImportGrpcClients} and
 * channels of {@link GrpcChannelFactory} call the application's socket server over every form of socket target, with
 * {@code localhost} as {@code :authority}, other targets stay with Spring Boot's own factories, and closing the
 * context shuts the channels and the event loops down.
 */
class SocketClientTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private static ConfigurableApplicationContext run(String... properties) {
		return EchoApp4.run(new Class<?>[] { EchoClient.class, SeenCalls.class }, properties);
	}

	private static String echo(ConfigurableApplicationContext context, String text) {
		return context.getBean(EchoGrpc.EchoBlockingStub.class).unary(Calls.request(text)).getText();
	}

	@Test
	void aStubOfAChannelNamedInThePropertiesCallsOverTheSocketWithLocalhostAsAuthority() {
		Path socket = this.dir.socket("echo.sock");
		try (ConfigurableApplicationContext context = run("grpc.uds.path=" + socket,
				"spring.grpc.client.channel.echo.target=unix:" + socket)) {
			assertThat(echo(context, "hi")).isEqualTo("hi");
			assertThat(context.getBean(SeenCalls.class).single().authority()).isEqualTo("localhost");
			assertThat(context.getBean(SeenCalls.class).single().method()).isEqualTo("udsgrpc.test.Echo/Unary");
			assertThat(context.getBean(UdsEventLoops.class).isStarted()).isTrue();
		}
	}

	@Test
	void aTargetWithThreeSlashesNamesTheSameSocket() {
		Path socket = this.dir.socket("slashes.sock");
		try (ConfigurableApplicationContext context = run("grpc.uds.path=" + socket,
				"spring.grpc.client.channel.echo.target=unix://" + socket)) {
			assertThat(echo(context, "three slashes")).isEqualTo("three slashes");
			assertThat(context.getBean(SeenCalls.class).single().authority()).isEqualTo("localhost");
		}
	}

	@Test
	void aRelativeTargetIsReadAgainstTheWorkingDirectory() {
		Path socket = this.dir.socket("relative.sock");
		Path relative = Path.of("").toAbsolutePath().relativize(socket);
		assertThat(relative.isAbsolute()).isFalse();
		try (ConfigurableApplicationContext context = run("grpc.uds.path=" + socket,
				"spring.grpc.client.channel.echo.target=unix:" + relative)) {
			assertThat(echo(context, "relative")).isEqualTo("relative");
			assertThat(context.getBean(SeenCalls.class).single().authority()).isEqualTo("localhost");
		}
	}

	@Test
	void anAbstractTargetReachesAServerOnThatAbstractName() {
		TestTransport.assumeAbstractNames();
		String name = "uds-grpc-client-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
		try (ConfigurableApplicationContext context = run("grpc.uds.path=@" + name,
				"spring.grpc.client.channel.echo.target=unix-abstract:" + name)) {
			assertThat(echo(context, "abstract")).isEqualTo("abstract");
			assertThat(context.getBean(SeenCalls.class).single().authority()).isEqualTo("localhost");
		}
	}

	@Test
	void theAuthorityIsTheOneOfGrpcUdsClientAuthority() {
		Path socket = this.dir.socket("authority.sock");
		try (ConfigurableApplicationContext context = run("grpc.uds.path=" + socket,
				"spring.grpc.client.channel.echo.target=unix:" + socket, "grpc.uds.client.authority=echo.internal")) {
			assertThat(echo(context, "authority")).isEqualTo("authority");
			assertThat(context.getBean(SeenCalls.class).single().authority()).isEqualTo("echo.internal");
		}
	}

	@Test
	void theChannelFactoryCreatesAChannelToASocketTargetWrittenAsSuch() {
		Path socket = this.dir.socket("direct.sock");
		try (ConfigurableApplicationContext context = run("grpc.uds.path=" + socket)) {
			ManagedChannel channel = context.getBean(GrpcChannelFactory.class).createChannel("unix:" + socket);
			assertThat(EchoGrpc.newBlockingStub(channel).unary(Calls.request("direct")).getText()).isEqualTo("direct");
			assertThat(channel.authority()).isEqualTo("localhost");
			assertThat(context.getBean(SeenCalls.class).single().authority()).isEqualTo("localhost");
		}
	}

	@Test
	void aTcpTargetGoesToSpringBootsOwnFactory() {
		Path socket = this.dir.socket("tcp.sock");
		try (ConfigurableApplicationContext context = run("grpc.uds.path=" + socket, "grpc.uds.keep-tcp=true",
				"spring.grpc.server.address=127.0.0.1")) {
			int port = context.getBeansOfType(GrpcServerLifecycle.class)
				.values()
				.stream()
				.mapToInt(GrpcServerLifecycle::getPort)
				.filter((candidate) -> candidate > 0)
				.findFirst()
				.orElseThrow();
			String target = "static://127.0.0.1:" + port;
			assertThat(context.getBean(UdsGrpcChannelFactory.class).supports(target)).isFalse();
			ManagedChannel channel = context.getBean(GrpcChannelFactory.class).createChannel(target);
			assertThat(EchoGrpc.newBlockingStub(channel).unary(Calls.request("tcp")).getText()).isEqualTo("tcp");
			assertThat(context.getBean(SeenCalls.class).single().authority()).isEqualTo("127.0.0.1:" + port);
			assertThat(context.getBean(UdsEventLoops.class).isStarted()).as("started by the socket server").isTrue();
		}
	}

	@Test
	void anInProcessTargetGoesToSpringBootsInProcessFactory() {
		Path socket = this.dir.socket("inprocess.sock");
		try (ConfigurableApplicationContext context = run("grpc.uds.path=" + socket,
				"spring.grpc.server.inprocess.name=echo-in-process")) {
			assertThat(context.getBean(UdsGrpcChannelFactory.class).supports("in-process:echo-in-process")).isFalse();
			ManagedChannel channel = context.getBean(GrpcChannelFactory.class)
				.createChannel("in-process:echo-in-process");
			assertThat(EchoGrpc.newBlockingStub(channel).unary(Calls.request("in-process")).getText())
				.isEqualTo("in-process");
			assertThat(context.getBean(SeenCalls.class).single().method()).isEqualTo("udsgrpc.test.Echo/Unary");
		}
	}

	@Test
	void closingTheContextShutsTheChannelsAndTheEventLoopThreadsDown() {
		Path socket = this.dir.socket("close.sock");
		Set<Thread> before = socketThreads();
		ManagedChannel stubChannel;
		ManagedChannel factoryChannel;
		Set<Thread> contextThreads;
		try (ConfigurableApplicationContext context = run("grpc.uds.path=" + socket,
				"spring.grpc.client.channel.echo.target=unix:" + socket)) {
			EchoGrpc.EchoBlockingStub stub = context.getBean(EchoGrpc.EchoBlockingStub.class);
			assertThat(stub.unary(Calls.request("stub")).getText()).isEqualTo("stub");
			factoryChannel = context.getBean(GrpcChannelFactory.class).createChannel("echo");
			assertThat(EchoGrpc.newBlockingStub(factoryChannel).unary(Calls.request("factory")).getText())
				.isEqualTo("factory");
			stubChannel = (ManagedChannel) stub.getChannel();
			contextThreads = new HashSet<>(socketThreads());
			contextThreads.removeAll(before);
			assertThat(contextThreads).as("the context's event loop threads").isNotEmpty();
			assertThat(stubChannel.isShutdown()).isFalse();
			assertThat(factoryChannel.isShutdown()).isFalse();
		}
		assertThat(stubChannel.isTerminated()).isTrue();
		assertThat(factoryChannel.isTerminated()).isTrue();
		assertThat(contextThreads).noneMatch(Thread::isAlive);
	}

	@Test
	void aSocketPathLongerThanTheLimitFailsNamingTheChannelTheTargetAndTheLimit() {
		Path server = this.dir.socket("server.sock");
		Path tooLong = this.dir.socket("x".repeat(SocketPathLimit.current()) + ".sock");
		try (ConfigurableApplicationContext context = run("grpc.uds.path=" + server,
				"spring.grpc.client.channel.echo.target=unix:" + tooLong)) {
			Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
					() -> context.getBean(EchoGrpc.EchoBlockingStub.class));
			IllegalArgumentException cause = Causes.find(failure, IllegalArgumentException.class);
			assertThat(cause).hasMessage("gRPC channel 'echo' (target 'unix:" + tooLong + "'): Socket unix:"
					+ tooLong + ": the path is " + tooLong.toString().length() + " bytes long, and a Unix socket "
					+ "path may be at most " + SocketPathLimit.current() + " bytes on "
					+ System.getProperty("os.name"));
		}
	}

	@Test
	void aSocketTargetNamingAHostFailsWithTheFormsOfSocketTargets() {
		Path socket = this.dir.socket("host.sock");
		try (ConfigurableApplicationContext context = run("grpc.uds.path=" + socket)) {
			GrpcChannelFactory factory = context.getBean(GrpcChannelFactory.class);
			assertThatIllegalArgumentException().isThrownBy(() -> factory.createChannel("unix://somehost" + socket))
				.withMessageStartingWith("gRPC channel to 'unix://somehost" + socket + "': Socket target 'unix://somehost"
						+ socket + "' names a host ('somehost')")
				.withMessageContaining("unix:///absolute/path");
		}
	}

	/** The threads of socket event loops alive now. */
	private static Set<Thread> socketThreads() {
		Set<Thread> threads = new HashSet<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.isAlive() && thread.getName().startsWith("uds-grpc-")) {
				threads.add(thread);
			}
		}
		return threads;
	}

	/** A blocking stub of the channel named {@code echo}, as an application declares it. */
	@Configuration(proxyBeanMethods = false)
	@ImportGrpcClients(target = "echo", types = EchoGrpc.EchoBlockingStub.class)
	static class EchoClient {

	}

}
