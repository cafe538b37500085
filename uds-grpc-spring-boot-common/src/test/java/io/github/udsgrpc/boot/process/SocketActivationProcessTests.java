package io.github.udsgrpc.boot.process;

import java.io.File;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;

import io.github.udsgrpc.socket.UdsAddress;
import io.github.udsgrpc.testsupport.JavaProcess;
import io.github.udsgrpc.testsupport.ProcNetUnix;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * systemd socket activation for real: {@code systemd-socket-activate -l <socket> java EchoServerMain ...} creates
 * and binds the socket, waits for the first connection, then execs the JVM with the listening socket as fd 3
 * ({@code LISTEN_FDS=1}, {@code LISTEN_PID}, {@code LISTEN_FDNAMES}). The server must adopt it, not bind.
 */
@EnabledOnOs(OS.LINUX)
public abstract class SocketActivationProcessTests extends AbstractProcessTests {

	protected SocketActivationProcessTests(BootLine line) {
		super(line);
	}

	private static final String ACTIVATOR = "systemd-socket-activate";

	/** The first call starts the JVM: connecting is what makes systemd-socket-activate exec it. */
	private static final Duration FIRST_CALL_DEADLINE = START_TIMEOUT;

	@BeforeEach
	void needsTheActivator() {
		assertThat(onPath(ACTIVATOR)).as(ACTIVATOR + " on PATH (Debian package systemd; .ci/run installs it)").isTrue();
	}

	@Test
	void adoptsTheInheritedSocketServesOnItAndLeavesTheFileToSystemd() throws Exception {
		Path socket = this.dir.socket("echo.sock");
		JavaProcess server = this.processes.start(activated("activated", socket.toString(),
				"--grpc.uds.path=" + socket));
		server.awaitSocketFile(socket, START_TIMEOUT);
		long inode = inode(socket);
		Set<PosixFilePermission> mode = Files.getPosixFilePermissions(socket);

		assertThat(echo(UdsAddress.file(socket).toNettyAddress(), "first", FIRST_CALL_DEADLINE))
			.as(server.describe()).isEqualTo("first");
		server.awaitOutput(listeningLine(socket), START_TIMEOUT);
		assertThat(server.output()).as(server.describe())
			.contains("gRPC listener 'default' adopted the socket " + socket
					+ " inherited from systemd (fd 3 (LISTEN_FDNAMES 'grpc')) instead of binding it");
		for (int i = 0; i < 5; i++) {
			// Each on a new connection: the adopted (blocking) socket keeps accepting without stalling its loop.
			assertThat(echo(socket, "again " + i)).isEqualTo("again " + i);
		}

		assertThat(inode(socket)).as("the server did not bind: the file is the one systemd made").isEqualTo(inode);
		assertThat(Files.getPosixFilePermissions(socket)).as("no chmod on systemd's file").isEqualTo(mode);
		assertThat(namesIn(this.dir.path())).as("no private directory made").containsExactly("echo.sock");
		assertThat(ProcNetUnix.listeningOn(socket.toString())).as("one listening socket, the inherited one").hasSize(1);

		server.sigterm();
		int exitCode = server.awaitExit(START_TIMEOUT);
		assertThat(exitCode).as(server.describe()).isIn(0, 143);
		assertThat(JavaProcess.isSocket(socket)).as("systemd's file outlives the server").isTrue();
		assertThat(inode(socket)).isEqualTo(inode);
		assertThat(server.output()).contains("gRPC server on Unix sockets stopped");
	}

	@Test
	void anInheritedSocketNoListenerClaimsIsReportedAndLeftAlone() throws Exception {
		Path other = this.dir.socket("other.sock");
		Path socket = this.dir.socket("echo.sock");
		JavaProcess server = this.processes.start(activated("unclaimed", other.toString(), "--grpc.uds.path=" + socket));
		server.awaitSocketFile(other, START_TIMEOUT);
		long otherInode = inode(other);
		try (SocketChannel trigger = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			trigger.connect(UnixDomainSocketAddress.of(other)); // queued in the backlog; makes the activator exec java
			server.awaitOutput(listeningLine(socket), START_TIMEOUT);
		}

		assertThat(echo(socket, "bound as usual")).isEqualTo("bound as usual");
		assertThat(server.output()).as(server.describe())
			.contains("systemd passed a listening socket at " + other
					+ " (fd 3 (LISTEN_FDNAMES 'grpc')) that matches no gRPC listener; it is left alone")
			.doesNotContain("adopted the socket");
		assertThat(inode(other)).isEqualTo(otherInode);
		assertThat(ProcNetUnix.listeningOn(other.toString())).as("still open, still listening").hasSize(1);
	}

	@Test
	void adoptsAnInheritedAbstractSocket() throws Exception {
		String name = "udsgrpc-test-activated-" + UUID.randomUUID();
		UdsAddress address = UdsAddress.abstractName(name);
		JavaProcess server = this.processes.start(activated("abstract", "@" + name, "--grpc.uds.path=@" + name));
		server.awaitOutput("Listening on @" + name, START_TIMEOUT);

		assertThat(echo(address.toNettyAddress(), "abstract", FIRST_CALL_DEADLINE)).as(server.describe())
			.isEqualTo("abstract");
		server.awaitOutput("gRPC server listening on Unix socket @" + name + " (listener 'default')", START_TIMEOUT);
		assertThat(server.output()).as(server.describe())
			.contains("gRPC listener 'default' adopted the socket @" + name + " inherited from systemd")
			.contains("is on abstract socket @" + name + ", which has no file and so no permissions");
		assertThat(ProcNetUnix.listeningOn("@" + name)).hasSize(1);
	}

	@Test
	void aTransportThatCannotAdoptTheSocketStopsStartupNamingItAndLeavesTheFileToSystemd() throws Exception {
		Path socket = this.dir.socket("echo.sock");
		JavaProcess server = this.processes.start(activated("nio-activated", socket.toString(),
				"--grpc.uds.path=" + socket, "--grpc.uds.transport=nio"));
		server.awaitSocketFile(socket, START_TIMEOUT);
		long inode = inode(socket);
		int exitCode;
		try (SocketChannel trigger = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			trigger.connect(UnixDomainSocketAddress.of(socket)); // makes the activator exec java
			exitCode = server.awaitExitWithout(listeningLine(socket), START_TIMEOUT);
		}

		assertThat(exitCode).as(server.describe()).isNotZero();
		assertThat(server.output()).as(server.describe())
			.contains("APPLICATION FAILED TO START")
			.contains("systemd passed this socket (fd 3 (LISTEN_FDNAMES 'grpc')), and the nio transport cannot adopt "
					+ "an inherited socket")
			.contains("grpc.uds.transport=epoll");
		assertThat(inode(socket)).as("systemd's file is left as it was").isEqualTo(inode);
		assertThat(namesIn(this.dir.path())).as("nothing bound instead").containsExactly("echo.sock");
	}

	private JavaProcess.Builder activated(String name, String listenAddress, String... serverArgs) {
		return JavaProcess.mainClass(name, this.line.serverMain())
			.wrappedIn(ACTIVATOR, "--listen=" + listenAddress, "--fdname=grpc")
			.args(serverArgs);
	}

	private static boolean onPath(String command) {
		String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
		return Arrays.stream(path.split(File.pathSeparator)).map((dir) -> Path.of(dir, command))
			.anyMatch(Files::isExecutable);
	}

}
