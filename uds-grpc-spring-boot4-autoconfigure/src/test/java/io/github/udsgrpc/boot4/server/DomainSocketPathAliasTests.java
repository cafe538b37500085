package io.github.udsgrpc.boot4.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.github.udsgrpc.boot4.autoconfigure.server.UdsGrpcServerAutoConfiguration;
import io.github.udsgrpc.boot4.testsupport.EchoApp4;
import io.github.udsgrpc.server.UdsListener;
import io.github.udsgrpc.server.UdsListeners;
import io.github.udsgrpc.socket.UdsAddress;
import io.github.udsgrpc.springgrpc.UdsGrpcServerFactory;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.github.udsgrpc.testsupport.transport.TestTransport;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.netty.channel.unix.DomainSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An application that already serves on Spring Boot 4.1's own socket property,
 * {@code spring.grpc.server.netty.domain-socket-path}, gets the starter's socket server by adding the dependency.
 */
@ExtendWith(OutputCaptureExtension.class)
class DomainSocketPathAliasTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	@Test
	void bootsSocketPropertyIsServedByTheStarterWithAnInfoLine(CapturedOutput output) throws Exception {
		Path socket = this.dir.socket("boot.sock");
		try (ConfigurableApplicationContext context = EchoApp4
			.run("spring.grpc.server.netty.domain-socket-path=" + socket)) {
			assertThat(context.getBean(UdsListeners.class).asList()).singleElement().satisfies((listener) -> {
				assertThat(listener.name()).isEqualTo(UdsListener.DEFAULT_NAME);
				assertThat(listener.path()).isEqualTo(socket);
			});
			assertThat(context.getBean(UdsGrpcServerFactory.class)).isNotNull();
			try (HandWiredChannel channel = new HandWiredChannel(socket)) {
				assertThat(EchoGrpc.newBlockingStub(channel.channel()).unary(Calls.request("aliased")).getText())
					.isEqualTo("aliased");
			}
			assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
		}
		assertThat(output.getOut()).contains("spring.grpc.server.netty.domain-socket-path=" + socket
				+ " is read as grpc.uds.path=" + socket + ": the uds-grpc starter serves the socket.");
	}

	@Test
	void bootsSocketPropertyAndGrpcUdsPathNamingTwoSocketsFailNamingBoth() {
		Path boot = this.dir.socket("boot.sock");
		Path ours = this.dir.socket("ours.sock");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> EchoApp4
				.run("spring.grpc.server.netty.domain-socket-path=" + boot, "grpc.uds.path=" + ours)
				.close())
			.satisfies((ex) -> {
				assertThat(ex.getName()).isEqualTo("spring.grpc.server.netty.domain-socket-path");
				assertThat(ex.getMessage()).contains("It names another socket than grpc.uds.path=" + ours);
			});
		assertThat(boot).doesNotExist();
		assertThat(ours).doesNotExist();
	}

	@Test
	void bootsSocketPropertyWithTcpTransportIsLeftToBoot() {
		Path socket = this.dir.socket("ignored.sock");
		try (ConfigurableApplicationContext context = EchoApp4.run("spring.grpc.server.netty.domain-socket-path="
				+ socket, "spring.grpc.server.netty.transport=tcp")) {
			assertThat(context.getBeansOfType(UdsGrpcServerFactory.class)).isEmpty();
			assertThat(socket).doesNotExist();
		}
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void anAtNameIsServedAsAnAbstractSocketNotAsAFileOfThatName() throws Exception {
		TestTransport.assumeAbstractNames();
		String name = "uds-boot4-alias-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
		try (ConfigurableApplicationContext context = EchoApp4
			.run("spring.grpc.server.netty.domain-socket-path=@" + name);
				HandWiredChannel channel = new HandWiredChannel(new DomainSocketAddress("\0" + name))) {
			assertThat(context.getBean(UdsListeners.class).asList()).singleElement()
				.satisfies((listener) -> assertThat(listener.address()).isEqualTo(UdsAddress.parse("@" + name)));
			assertThat(EchoGrpc.newBlockingStub(channel.channel()).unary(Calls.request("abstract")).getText())
				.isEqualTo("abstract");
			assertThat(Path.of("@" + name)).as("no file of that name in the working directory").doesNotExist();
		}
	}

	@Test
	void withKeepTcpBootsServerListensOnItsPortNotOnTheSocketPathAgain() throws Exception {
		Path socket = this.dir.socket("both.sock");
		try (ConfigurableApplicationContext context = EchoApp4.run("spring.grpc.server.netty.domain-socket-path="
				+ socket, "grpc.uds.keep-tcp=true", "spring.grpc.server.address=127.0.0.1")) {
			assertThat(context.getEnvironment().getProperty("spring.grpc.server.netty.transport")).isEqualTo("tcp");
			int port = context.getBeansOfType(GrpcServerLifecycle.class)
				.values()
				.stream()
				.mapToInt(GrpcServerLifecycle::getPort)
				.filter((candidate) -> candidate > 0)
				.findFirst()
				.orElseThrow();
			try (HandWiredChannel channel = new HandWiredChannel(socket)) {
				assertThat(EchoGrpc.newBlockingStub(channel.channel()).unary(Calls.request("socket")).getText())
					.isEqualTo("socket");
			}
			ManagedChannel tcp = Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create())
				.build();
			try {
				assertThat(EchoGrpc.newBlockingStub(tcp).unary(Calls.request("tcp")).getText()).isEqualTo("tcp");
			}
			finally {
				tcp.shutdownNow();
			}
		}
		assertThat(socket).doesNotExist();
	}

	@Test
	void theSamePathInBothPropertiesIsAccepted() throws Exception {
		Path socket = this.dir.socket("same.sock");
		try (ConfigurableApplicationContext context = EchoApp4.run("spring.grpc.server.netty.domain-socket-path="
				+ socket, "grpc.uds.path=" + socket)) {
			try (HandWiredChannel channel = new HandWiredChannel(socket)) {
				assertThat(EchoGrpc.newBlockingStub(channel.channel()).unary(Calls.request("same")).getText())
					.isEqualTo("same");
			}
			assertThat(context.getBean(UdsListeners.class).asList()).hasSize(1);
		}
	}

	@Test
	void excludingTheSocketServerByPropertyLeavesTheSocketToBoot() {
		Path socket = this.dir.socket("excluded.sock");
		try (ConfigurableApplicationContext context = EchoApp4.run(
				"spring.grpc.server.netty.domain-socket-path=" + socket, "spring.grpc.server.enabled=false",
				"spring.autoconfigure.exclude=" + UdsGrpcServerAutoConfiguration.class.getName())) {
			assertThatTheSocketWasLeftToBoot(context, socket);
		}
	}

	@Test
	void excludingTheSocketServerByAnnotationLeavesTheSocketToBoot() {
		Path socket = this.dir.socket("excluded.sock");
		try (ConfigurableApplicationContext context = EchoApp4.run(new Class<?>[] { ExcludesTheSocketServer.class },
				"spring.grpc.server.netty.domain-socket-path=" + socket, "spring.grpc.server.enabled=false")) {
			assertThatTheSocketWasLeftToBoot(context, socket);
		}
	}

	/**
	 * The property stays Boot's, and the starter serves nothing. {@code spring.grpc.server.enabled=false} keeps
	 * Boot's own server (and the event loops it never shuts down) from starting at all.
	 */
	private static void assertThatTheSocketWasLeftToBoot(ConfigurableApplicationContext context, Path socket) {
		assertThat(context.getEnvironment().getProperty("spring.grpc.server.netty.domain-socket-path"))
			.isEqualTo(socket.toString());
		assertThat(context.getEnvironment().getProperty("grpc.uds.path")).isNull();
		assertThat(context.getEnvironment().getPropertySources()
			.contains("udsGrpcDomainSocketPathAlias")).isFalse();
		assertThat(context.getBeansOfType(UdsListeners.class)).isEmpty();
		assertThat(socket).doesNotExist();
	}

	@EnableAutoConfiguration(exclude = UdsGrpcServerAutoConfiguration.class)
	static class ExcludesTheSocketServer {

	}

}
