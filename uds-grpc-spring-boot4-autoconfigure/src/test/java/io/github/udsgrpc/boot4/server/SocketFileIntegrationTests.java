package io.github.udsgrpc.boot4.server;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

import io.github.udsgrpc.boot4.testsupport.Causes;
import io.github.udsgrpc.boot4.testsupport.EchoApp4;
import io.github.udsgrpc.server.UdsListenerConfigurer;
import io.github.udsgrpc.socket.SocketFileException;
import io.github.udsgrpc.socket.SocketPathLimit;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.github.udsgrpc.testsupport.transport.TestTransport;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.grpc.client.GrpcChannelFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The socket file's life in whole Spring Boot 4.1 applications, as on the Boot 3.5 line: what is at the path before
 * start, what the file looks like while serving, and who removes it.
 */
@ExtendWith(OutputCaptureExtension.class)
class SocketFileIntegrationTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private static String echo(Path socket, String text) throws InterruptedException {
		try (HandWiredChannel channel = new HandWiredChannel(socket)) {
			return EchoGrpc.newBlockingStub(channel.channel()).unary(Calls.request(text)).getText();
		}
	}

	@Test
	void aStaleSocketLeftByAKilledServerIsReplaced() throws Exception {
		Path socket = this.dir.socket("stale.sock");
		ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket)).close();
		assertThat(socket).exists();
		try (ConfigurableApplicationContext context = EchoApp4.run("grpc.uds.path=" + socket)) {
			assertThat(echo(socket, "fresh")).isEqualTo("fresh");
		}
		assertThat(socket).doesNotExist();
	}

	@Test
	void aRegularFileStopsStartupWithAFailureAnalysisAndIsLeftUntouched(CapturedOutput output) throws IOException {
		Path socket = this.dir.socket("data.sock");
		Files.writeString(socket, "precious");
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> EchoApp4.run("grpc.uds.path=" + socket).close())
			.satisfies((ex) -> {
				SocketFileException failure = Causes.find(ex, SocketFileException.class);
				assertThat(failure.getReason()).isEqualTo(SocketFileException.Reason.NOT_A_SOCKET);
				assertThat(failure.getMessage()).contains(socket.toString()).contains("listener 'default'");
			});
		assertThat(Files.readString(socket)).isEqualTo("precious");
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("the path is taken by a regular file of 8 bytes, not a socket; it was left untouched.")
			.contains("The starter deletes nothing but a stale socket.");
	}

	@Test
	void aSecondApplicationOnALiveSocketFailsAndTheFirstKeepsServing() throws Exception {
		Path socket = this.dir.socket("live.sock");
		try (ConfigurableApplicationContext first = EchoApp4.run("grpc.uds.path=" + socket)) {
			Object inode = Files.getAttribute(socket, "unix:ino");
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> EchoApp4.run("grpc.uds.path=" + socket).close())
				.satisfies((ex) -> assertThat(Causes.find(ex, SocketFileException.class).getReason())
					.isEqualTo(SocketFileException.Reason.IN_USE));
			assertThat(Files.getAttribute(socket, "unix:ino")).isEqualTo(inode);
			assertThat(echo(socket, "still mine")).isEqualTo("still mine");
		}
	}

	@Test
	void aSuccessorThatBoundThePathKeepsItsSocketWhenThePredecessorStops() throws Exception {
		Path socket = this.dir.socket("handover.sock");
		ConfigurableApplicationContext predecessor = EchoApp4.run("grpc.uds.path=" + socket);
		try {
			Files.delete(socket); // an operator's rm, or a cleanup script
			try (ConfigurableApplicationContext successor = EchoApp4.run("grpc.uds.path=" + socket)) {
				Object inode = Files.getAttribute(socket, "unix:ino");
				predecessor.close();
				assertThat(socket).exists();
				assertThat(Files.getAttribute(socket, "unix:ino")).isEqualTo(inode);
				assertThat(echo(socket, "successor")).isEqualTo("successor");
			}
		}
		finally {
			predecessor.close();
		}
	}

	@Test
	void modesGroupAndDirectoriesFollowTheProperties() throws Exception {
		Path socket = this.dir.socket("run/app/modes.sock");
		String group = Files.readAttributes(this.dir.path(), PosixFileAttributes.class).group().getName();
		try (ConfigurableApplicationContext context = EchoApp4.run("grpc.uds.path=" + socket,
				"grpc.uds.file-mode=600", "grpc.uds.directory-mode=rwx------", "grpc.uds.group=" + group)) {
			assertThat(echo(socket, "modes")).isEqualTo("modes");
			PosixFileAttributes attributes = Files.readAttributes(socket, PosixFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			assertThat(attributes.isOther()).isTrue();
			assertThat(attributes.permissions()).isEqualTo(PosixFilePermissions.fromString("rw-------"));
			assertThat(attributes.group().getName()).isEqualTo(group);
			assertThat(Files.getPosixFilePermissions(this.dir.socket("run")))
				.isEqualTo(PosixFilePermissions.fromString("rwx------"));
		}
	}

	@Test
	void listenersDeclaredInCodeHaveTheirOwnMode() throws Exception {
		Path socket = this.dir.socket("coded.sock");
		try (ConfigurableApplicationContext context = EchoApp4.run(new Class<?>[] { CodedListener.class },
				"coded.path=" + socket)) {
			assertThat(echo(socket, "coded")).isEqualTo("coded");
			assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		}
		assertThat(socket).doesNotExist();
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void aPathOfExactlyTheLinuxLimitServes() throws Exception {
		TestTransport.assumeFullLengthPaths(); // the context's own channel dials it
		String name = "n".repeat(SocketPathLimit.LINUX - this.dir.path().toString().length() - 1);
		Path socket = this.dir.socket(name);
		assertThat(SocketPathLimit.length(socket)).isEqualTo(SocketPathLimit.LINUX);
		try (ConfigurableApplicationContext context = EchoApp4.run("grpc.uds.path=" + socket,
				"spring.grpc.client.channel.echo.target=unix:" + socket)) {
			ManagedChannel channel = context.getBean(GrpcChannelFactory.class).createChannel("echo");
			assertThat(EchoGrpc.newBlockingStub(channel).unary(Calls.request("107")).getText()).isEqualTo("107");
		}
		assertThat(socket).doesNotExist();
	}

	@Test
	void aBadModeFailsStartupWithBootsInvalidPropertyAnalysis(CapturedOutput output) {
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> EchoApp4.run("grpc.uds.path=" + this.dir.socket("x.sock"), "grpc.uds.file-mode=rw")
				.close());
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'rw' for configuration property 'grpc.uds.file-mode'")
			.contains("must be a mode like 'rw-rw----' or '660'");
		assertThat(this.dir.socket("x.sock")).doesNotExist();
	}

	@Configuration(proxyBeanMethods = false)
	static class CodedListener {

		@Bean
		UdsListenerConfigurer coded(Environment environment) {
			return (listeners) -> listeners.listenUnixSocket(Path.of(environment.getRequiredProperty("coded.path")),
					(options) -> options.fileMode("rw-------"));
		}

	}

}
