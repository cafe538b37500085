package io.github.udsgrpc.benchmarks.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.udsgrpc.benchmarks.driver.DriverProtocol;
import io.github.udsgrpc.benchmarks.proto.BenchGrpc;
import io.github.udsgrpc.benchmarks.transport.Payloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The child JVMs of the harness as {@code --two-process} starts them: real server JVMs started from this test's class
 * path, called over their real sockets. {@link AppTransportTests} starts them from the application modules.
 */
@Timeout(120) // hang guard only
class ChildJvmTests {

	// Socket paths are limited to 107 bytes: a short directory under /tmp rather than the build directory.
	@TempDir(factory = ShortTempDirFactory.class)
	Path sockets;

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	private final PrintStream out = new PrintStream(this.output, true, StandardCharsets.UTF_8);

	@Test
	void rawSocketServerInAChildJvmAnswersAndExitsCleanlyWhenClosed() throws Exception {
		Path socket = this.sockets.resolve("raw.sock");
		TwoProcessTransport transport = new TwoProcessTransport("raw-uds", socket, 0, Map.of(), this.out);
		transport.start();
		ProcessHandle child;
		try {
			child = ProcessHandle.of(transport.serverPid()).orElseThrow();
			assertThat(child.parent().map(ProcessHandle::pid)).contains(ProcessHandle.current().pid());
			transport.roundTrip().call();
		}
		finally {
			transport.stop(); // throws unless the child exited with status 0
		}
		assertThat(child.isAlive()).isFalse();
		assertThat(socket).doesNotExist();
		// Its output is copied, prefixed with its name; the ready line is not.
		String output = this.output.toString(StandardCharsets.UTF_8);
		System.out.printf("[bench] output of the raw-uds server JVM:%n%s", output);
		assertThat(output.lines()).allMatch((line) -> line.startsWith("   [server raw-uds] "))
			.noneMatch((line) -> line.contains(DriverProtocol.PREFIX));
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
			.isThrownBy(() -> new TwoProcessTransport("raw-uds", socket, 0, Map.of(), this.out).start())
			.withMessageContaining("The server JVM of raw-uds did not get ready")
			.withMessageContaining("exited with status 1")
			.withMessageContaining("its last output: ")
			.withMessageContaining("Could not start the server of raw-uds (socket " + socket)
			.withMessageContaining(socket.toString());
		assertThat(this.output.toString(StandardCharsets.UTF_8))
			.contains("   [server raw-uds] Could not start the server of raw-uds");
	}

	@Test
	void aFlightRecordingGetsAFileOfItsOwnInTheChild() {
		// The server JVMs of --two-process name theirs after their number.
		assertThat(ChildJvm.childOption("-XX:StartFlightRecording=filename=/tmp/p.jfr,settings=profile", "server2"))
			.isEqualTo("-XX:StartFlightRecording=filename=/tmp/p-server2.jfr,settings=profile");
		assertThat(ChildJvm.childOption("-XX:StartFlightRecording=settings=profile,filename=rec", "server1"))
			.isEqualTo("-XX:StartFlightRecording=settings=profile,filename=rec-server1.jfr");
		assertThat(ChildJvm.childOption("-Xmx2g", "server1")).isEqualTo("-Xmx2g");
		// The application JVMs of AppTransport name theirs after their number and role.
		assertThat(ChildJvm.childOption("-XX:StartFlightRecording=filename=/tmp/p.jfr", "app3-client"))
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
