package io.github.udsgrpc.autoconfigure.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.github.udsgrpc.autoconfigure.testsupport.EchoApp;
import io.github.udsgrpc.autoconfigure.testsupport.EchoClients;
import io.github.udsgrpc.boot.UdsGrpcServerStartedEvent;
import io.github.udsgrpc.server.UdsListener;
import io.github.udsgrpc.server.UdsListeners;
import io.github.udsgrpc.socket.UdsAddress;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An application migrating from net.devh keeps {@code grpc.server.address=unix:/path}; adding the starter must
 * be enough to get the starter's socket server on that path, and nothing else listening.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnixServerAddressAliasTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	@Test
	void netDevhsUnixAddressIsServedByTheStartersSocketServer(CapturedOutput output) throws Exception {
		Path socket = this.dir.socket("devh.sock");
		int port = SocketServerIntegrationTests.freeTcpPort();
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.server.address=unix:" + socket,
				"grpc.server.port=" + port, "grpc.client.echo.address=unix:" + socket)) {
			assertThat(context.getBean(EchoClients.class).blocking.unary(Calls.request("migrated")).getText())
				.isEqualTo("migrated");

			UdsGrpcServerStartedEvent started = context.getBean(EchoApp.StartedEvents.class)
				.last(UdsGrpcServerStartedEvent.class);
			assertThat(started.getListeners()).extracting(UdsListener::path).containsExactly(socket);
			assertThat(started.getTcpPort()).isEqualTo(-1);
			assertThat(SocketServerIntegrationTests.isTcpPortOpen(port)).as("TCP port " + port + " open").isFalse();
			// net.devh's own socket server would have left the umask's mode (typically rwxr-xr-x).
			assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
			assertThat(context.getEnvironment().getProperty("grpc.uds.path")).isEqualTo(socket.toString());
		}
		assertThat(socket).doesNotExist();
		assertThat(output).contains("grpc.server.address=unix:" + socket + " is read as grpc.uds.path=" + socket)
			.contains("Prefer grpc.uds.path=" + socket);
	}

	@Test
	void tripleSlashFormIsReadLikeTheClientsTargets() {
		Path socket = this.dir.socket("slashes.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.server.address=unix://" + socket,
				"grpc.client.echo.address=unix:" + socket)) {
			assertThat(context.getBean(EchoClients.class).blocking.unary(Calls.request("///")).getText())
				.isEqualTo("///");
			assertThat(context.getBean(UdsListeners.class).primaryAddress()).contains(UdsAddress.file(socket));
		}
	}

	@Test
	void withKeepTcpTheTcpServerListensOnThePortNotOnTheSocketPathAgain() throws Exception {
		Path socket = this.dir.socket("both.sock");
		int port = SocketServerIntegrationTests.freeTcpPort();
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.server.address=unix:" + socket,
				"grpc.server.port=" + port, "grpc.uds.keep-tcp=true", "grpc.client.echo.address=unix:" + socket)) {
			assertThat(context.getBean(EchoClients.class).blocking.unary(Calls.request("socket")).getText())
				.isEqualTo("socket");
			ManagedChannel tcp = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
			try {
				assertThat(EchoGrpc.newBlockingStub(tcp).unary(Calls.request("tcp")).getText()).isEqualTo("tcp");
			}
			finally {
				tcp.shutdownNow();
			}
		}
	}

	@Test
	void theSamePathInBothPropertiesIsAccepted() {
		Path socket = this.dir.socket("same.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.server.address=unix:" + socket,
				"grpc.uds.path=" + socket, "grpc.client.echo.address=unix:" + socket)) {
			assertThat(context.getBean(EchoClients.class).blocking.unary(Calls.request("same")).getText())
				.isEqualTo("same");
		}
	}

	@Test
	void twoDifferentPathsFailNamingBoth(CapturedOutput output) {
		Path devh = this.dir.socket("devh.sock");
		Path ours = this.dir.socket("ours.sock");
		assertThatExceptionOfType(UnixServerAddressException.class)
			.isThrownBy(() -> EchoApp.run("grpc.server.address=unix:" + devh, "grpc.uds.path=" + ours).close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("grpc.server.address=unix:" + devh + " and grpc.uds.path=" + ours
					+ " name two different sockets")
			.contains("Remove grpc.server.address");
		assertThat(devh).doesNotExist();
		assertThat(ours).doesNotExist();
	}

	@Test
	void aHostInTheAddressFailsInsteadOfBeingMisread(CapturedOutput output) {
		assertThatExceptionOfType(UnixServerAddressException.class)
			.isThrownBy(() -> EchoApp.run("grpc.server.address=unix://host" + this.dir.socket("h.sock")).close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("grpc.server.address=unix://host" + this.dir.socket("h.sock")
					+ " is not a socket address the starter can serve")
			.contains("names a host ('host')")
			.contains("Set grpc.uds.path=/absolute/path");
		assertThat(this.dir.path()).isEmptyDirectory();
	}

	/**
	 * An application (or the benchmark's net.devh variant) that excludes the socket server wants net.devh's own
	 * handling of the address. grpc.server.port=-1 keeps net.devh's server (and its event loop, which it never shuts
	 * down) from starting at all.
	 */
	@Test
	void excludingTheSocketServerByPropertyLeavesTheAddressToNetDevh() {
		Path socket = this.dir.socket("excluded.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.server.address=unix:" + socket,
				"grpc.server.port=-1",
				"spring.autoconfigure.exclude=" + UdsGrpcServerAutoConfiguration.class.getName())) {
			assertThatTheAddressWasLeftToNetDevh(context, socket);
		}
	}

	@Test
	void excludingTheSocketServerByAnnotationLeavesTheAddressToNetDevh() {
		Path socket = this.dir.socket("excluded.sock");
		try (ConfigurableApplicationContext context = EchoApp.run(new Class<?>[] { ExcludesTheSocketServer.class },
				"grpc.server.address=unix:" + socket, "grpc.server.port=-1")) {
			assertThatTheAddressWasLeftToNetDevh(context, socket);
		}
	}

	private static void assertThatTheAddressWasLeftToNetDevh(ConfigurableApplicationContext context, Path socket) {
		assertThat(context.getEnvironment().getProperty("grpc.server.address")).isEqualTo("unix:" + socket);
		assertThat(context.getEnvironment().getProperty("grpc.uds.path")).isNull();
		assertThat(context.getBeansOfType(UdsListeners.class)).isEmpty();
		assertThat(socket).doesNotExist();
	}

	@org.springframework.boot.autoconfigure.EnableAutoConfiguration(exclude = UdsGrpcServerAutoConfiguration.class)
	static class ExcludesTheSocketServer {

	}

	@Test
	void tcpAddressesAreLeftToNetDevh() throws Exception {
		int port = SocketServerIntegrationTests.freeTcpPort();
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.server.address=127.0.0.1",
				"grpc.server.port=" + port, "grpc.client.echo.address=static://127.0.0.1:" + port,
				"grpc.client.echo.negotiation-type=plaintext")) {
			assertThat(context.getBean(EchoClients.class).blocking.unary(Calls.request("tcp")).getText())
				.isEqualTo("tcp");
			assertThat(context.getEnvironment().getPropertySources()
				.contains(UnixServerAddressAlias.PROPERTY_SOURCE_NAME)).isFalse();
			assertThat(context.getBeansOfType(UdsListeners.class)).isEmpty();
		}
	}

}
