package io.github.udsgrpc.benchmarks.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.udsgrpc.benchmarks.proto.BenchGrpc;
import io.github.udsgrpc.benchmarks.transport.Payloads;
import io.github.udsgrpc.benchmarks.transport.Side;
import io.github.udsgrpc.benchmarks.transport.Transport;
import io.github.udsgrpc.benchmarks.transport.Transports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code --two-process}: real server JVMs started from this test's class path, called over their real sockets.
 */
@Timeout(120) // hang guard only
class ChildServerTests {

	// Socket paths are limited to 107 bytes: a short directory under /tmp rather than the build directory.
	@TempDir(factory = ShortTempDirFactory.class)
	Path sockets;

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	private final PrintStream out = new PrintStream(this.output, true, StandardCharsets.UTF_8);

	@Test
	void rawSocketServerInAChildJvmAnswersAndExitsCleanlyWhenClosed() throws Exception {
		Path socket = this.sockets.resolve("raw.sock");
		ChildServer server = ChildServer.start("raw-uds", socket, 0, Map.of(), this.out);
		ProcessHandle child = ProcessHandle.of(server.pid()).orElseThrow();
		assertThat(child.parent().map(ProcessHandle::pid)).contains(ProcessHandle.current().pid());
		Transport client = Transports.create("raw-uds", Side.CLIENT, socket, 0, Map.of());
		client.start();
		client.roundTrip().call();
		client.stop();
		server.close(); // throws unless the child exited with status 0
		assertThat(child.isAlive()).isFalse();
		assertThat(socket).doesNotExist();
	}

	@Test
	void starterServerInAChildJvmServesTheParentsStarterClient() throws Exception {
		Path socket = this.sockets.resolve("starter.sock");
		String spec = "starter-uds[grpc.uds.low-latency=true]";
		TwoProcessTransport transport = new TwoProcessTransport(spec, socket, 0, Map.of(), this.out);
		transport.start();
		try {
			assertThat(transport.isGrpc()).isTrue();
			assertThat(BenchGrpc.newBlockingStub(transport.channel()).echo(Payloads.TINY)).isEqualTo(Payloads.TINY);
			try (AutoCloseable fresh = transport.connectAndCall()) {
				assertThat(fresh).isNotNull();
			}
		}
		finally {
			transport.stop();
		}
		// The child's context removed its socket when it stopped; only then did stop() return.
		assertThat(socket).doesNotExist();
	}

	@Test
	void aServerThatCannotStartFailsNamingTheTransportAndQuotingItsOutput() {
		Path socket = this.sockets.resolve("missing-directory").resolve("raw.sock");
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> ChildServer.start("raw-uds", socket, 0, Map.of(), this.out))
			.withMessageContaining("The server JVM of raw-uds did not get ready")
			.withMessageContaining("exited with status 1")
			.withMessageContaining(socket.toString());
	}

	@Test
	void aFlightRecordingGetsAFileOfItsOwnInTheChild() {
		assertThat(ChildServer.childOption("-XX:StartFlightRecording=filename=/tmp/p.jfr,settings=profile", 2))
			.isEqualTo("-XX:StartFlightRecording=filename=/tmp/p-server2.jfr,settings=profile");
		assertThat(ChildServer.childOption("-XX:StartFlightRecording=settings=profile,filename=rec", 1))
			.isEqualTo("-XX:StartFlightRecording=settings=profile,filename=rec-server1.jfr");
		assertThat(ChildServer.childOption("-Xmx2g", 1)).isEqualTo("-Xmx2g");
		// The application JVMs of AppTransport name theirs after their number and role.
		assertThat(ChildServer.childOption("-XX:StartFlightRecording=filename=/tmp/p.jfr", "app3-client"))
			.isEqualTo("-XX:StartFlightRecording=filename=/tmp/p-app3-client.jfr");
	}

	/** Temporary directories under /tmp, whose paths leave room for a socket's file name. */
	static class ShortTempDirFactory implements org.junit.jupiter.api.io.TempDirFactory {

		@Override
		public Path createTempDirectory(org.junit.jupiter.api.extension.AnnotatedElementContext elementContext,
				org.junit.jupiter.api.extension.ExtensionContext extensionContext) throws IOException {
			return Files.createTempDirectory(Path.of("/tmp"), "udsbt");
		}

	}

}
