package io.github.udsgrpc.autoconfigure.server;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

import io.github.udsgrpc.autoconfigure.testsupport.EchoApp;
import io.github.udsgrpc.autoconfigure.testsupport.EchoClients;
import io.github.udsgrpc.server.UdsListenerConfigurer;
import io.github.udsgrpc.socket.SocketFileException;
import io.github.udsgrpc.socket.SocketPathLimit;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.github.udsgrpc.testsupport.transport.TestTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The socket file's life in whole applications: what is at the path before start, what the file looks like
 * while serving, and who removes it.
 */
class SocketFileIntegrationTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private static String echo(ConfigurableApplicationContext context, String text) {
		return context.getBean(EchoClients.class).blocking.unary(Calls.request(text)).getText();
	}

	private static SocketFileException socketFileFailure(Throwable ex) {
		SocketFileException found = SocketServerIntegrationTests.findCause(ex, SocketFileException.class);
		assertThat(found).as("a SocketFileException in the causes of %s", ex).isNotNull();
		return found;
	}

	@Test
	void aStaleSocketLeftByAKilledServerIsReplaced() throws IOException {
		Path socket = this.dir.socket("stale.sock");
		ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket)).close();
		assertThat(socket).exists();
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket,
				"grpc.client.echo.address=unix:" + socket)) {
			assertThat(echo(context, "fresh")).isEqualTo("fresh");
		}
	}

	@Test
	void aRegularFileStopsStartupAndIsLeftUntouched() throws IOException {
		Path socket = this.dir.socket("data.sock");
		Files.writeString(socket, "precious");
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> EchoApp.run("grpc.uds.path=" + socket).close())
			.satisfies((ex) -> {
				SocketFileException failure = socketFileFailure(ex);
				assertThat(failure.getReason()).isEqualTo(SocketFileException.Reason.NOT_A_SOCKET);
				assertThat(failure.getMessage()).contains(socket.toString()).contains("listener 'default'");
			});
		assertThat(Files.readString(socket)).isEqualTo("precious");
	}

	@Test
	void aSecondApplicationOnALiveSocketFailsAndTheFirstKeepsServing() throws IOException {
		Path socket = this.dir.socket("live.sock");
		try (ConfigurableApplicationContext first = EchoApp.run("grpc.uds.path=" + socket,
				"grpc.client.echo.address=unix:" + socket)) {
			Object inode = Files.getAttribute(socket, "unix:ino");
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> EchoApp.run("grpc.uds.path=" + socket).close())
				.satisfies((ex) -> assertThat(socketFileFailure(ex).getReason())
					.isEqualTo(SocketFileException.Reason.IN_USE));
			assertThat(Files.getAttribute(socket, "unix:ino")).isEqualTo(inode);
			assertThat(echo(first, "still mine")).isEqualTo("still mine");
		}
	}

	@Test
	void aSuccessorThatBoundThePathKeepsItsSocketWhenThePredecessorStops() throws IOException {
		Path socket = this.dir.socket("handover.sock");
		ConfigurableApplicationContext predecessor = EchoApp.run("grpc.uds.path=" + socket);
		try {
			Files.delete(socket); // an operator's rm, or a cleanup script
			try (ConfigurableApplicationContext successor = EchoApp.run("grpc.uds.path=" + socket,
					"grpc.client.echo.address=unix:" + socket)) {
				Object inode = Files.getAttribute(socket, "unix:ino");
				predecessor.close();
				assertThat(socket).exists();
				assertThat(Files.getAttribute(socket, "unix:ino")).isEqualTo(inode);
				assertThat(echo(successor, "successor")).isEqualTo("successor");
			}
		}
		finally {
			predecessor.close();
		}
	}

	@Test
	void modesGroupAndDirectoriesFollowTheProperties() throws IOException {
		Path socket = this.dir.socket("run/app/modes.sock");
		String group = Files.readAttributes(this.dir.path(), PosixFileAttributes.class).group().getName();
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket,
				"grpc.uds.file-mode=600", "grpc.uds.directory-mode=rwx------", "grpc.uds.group=" + group,
				"grpc.client.echo.address=unix:" + socket)) {
			assertThat(echo(context, "modes")).isEqualTo("modes");
			PosixFileAttributes attributes = Files.readAttributes(socket, PosixFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			assertThat(attributes.isOther()).isTrue();
			assertThat(attributes.permissions()).isEqualTo(PosixFilePermissions.fromString("rw-------"));
			assertThat(attributes.group().getName()).isEqualTo(group);
			assertThat(Files.getPosixFilePermissions(this.dir.socket("run")))
				.isEqualTo(PosixFilePermissions.fromString("rwx------"));
			assertThat(Files.getPosixFilePermissions(this.dir.socket("run/app")))
				.isEqualTo(PosixFilePermissions.fromString("rwx------"));
		}
	}

	@Test
	void theDefaultModeLetsOwnerAndGroupConnect() throws IOException {
		Path socket = this.dir.socket("default-mode.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket)) {
			assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
		}
	}

	@Test
	void listenersDeclaredInCodeHaveTheirOwnMode() throws IOException {
		Path socket = this.dir.socket("coded.sock");
		try (ConfigurableApplicationContext context = EchoApp.run(new Class<?>[] { CodedListener.class },
				"coded.path=" + socket)) {
			assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		}
	}

	@Test
	void aBadModeFailsStartupNamingThePropertyItsValueAndTheForms() {
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> EchoApp.run("grpc.uds.path=" + this.dir.socket("x.sock"), "grpc.uds.file-mode=rw").close())
			.satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex))
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessage("Property grpc.uds.file-mode with value 'rw' is invalid: must be a mode like 'rw-rw----' "
						+ "or '660'"));
		assertThat(this.dir.socket("x.sock")).doesNotExist();
	}

	@Test
	void aMissingDirectoryStopsStartupWhenItMayNotBeCreated() {
		Path socket = this.dir.socket("absent/x.sock");
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> EchoApp.run("grpc.uds.path=" + socket, "grpc.uds.create-directories=false").close())
			.satisfies((ex) -> assertThat(socketFileFailure(ex).getReason())
				.isEqualTo(SocketFileException.Reason.DIRECTORY_MISSING));
		assertThat(socket.getParent()).doesNotExist();
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void aPathOfExactlyTheLinuxLimitServes() {
		TestTransport.assumeFullLengthPaths(); // the context's own channel dials it
		String name = "n".repeat(SocketPathLimit.LINUX - this.dir.path().toString().length() - 1);
		Path socket = this.dir.socket(name);
		assertThat(SocketPathLimit.length(socket)).isEqualTo(SocketPathLimit.LINUX);
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket,
				"grpc.client.echo.address=unix:" + socket)) {
			assertThat(echo(context, "107")).isEqualTo("107");
		}
		assertThat(socket).doesNotExist();
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class CodedListener {

		@org.springframework.context.annotation.Bean
		UdsListenerConfigurer coded(org.springframework.core.env.Environment environment) {
			return (listeners) -> listeners.listenUnixSocket(Path.of(environment.getRequiredProperty("coded.path")),
					(options) -> options.fileMode("rw-------"));
		}

	}

}
