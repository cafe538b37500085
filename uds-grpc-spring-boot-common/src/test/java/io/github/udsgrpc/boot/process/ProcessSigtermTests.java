package io.github.udsgrpc.boot.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.JavaProcess;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.grpc.ConnectivityState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM (what systemd, Docker and Kubernetes send) stops the server through Spring Boot's shutdown hook: the
 * process exits in good time and takes its socket file with it.
 */
public abstract class ProcessSigtermTests extends AbstractProcessTests {

	protected ProcessSigtermTests(BootLine line) {
		super(line);
	}

	/** Generous: net.devh's default grace period is 30 s, and an idle connection must not use it up. */
	private static final Duration EXIT_BOUND = Duration.ofSeconds(20);

	@ParameterizedTest(name = "open idle client connection: {0}")
	@ValueSource(booleans = { false, true })
	void sigtermStopsTheServerAndRemovesItsSocketFile(boolean idleClient) throws Exception {
		Path socket = this.dir.socket("echo.sock");
		JavaProcess server = startServer("server", socket).awaitOutput(listeningLine(socket), START_TIMEOUT);
		HandWiredChannel client = idleClient ? new HandWiredChannel(socket) : null;
		try {
			if (client != null) {
				assertThat(EchoGrpc.newBlockingStub(client.channel())
					.withDeadlineAfter(10, TimeUnit.SECONDS)
					.unary(Calls.request("then idle"))
					.getText()).isEqualTo("then idle");
				assertThat(client.channel().getState(false)).as("the client's connection is open")
					.isEqualTo(ConnectivityState.READY);
			}
			long pid = server.pid();
			long sent = System.nanoTime();
			server.sigterm();
			int exitCode = server.awaitExit(EXIT_BOUND);
			Duration took = Duration.ofNanos(System.nanoTime() - sent);
			System.out.printf("[process-tests] SIGTERM (idle client: %s): exited with %d after %d ms%n", idleClient,
					exitCode, took.toMillis());

			assertThat(exitCode).as(server.describe()).isIn(143, 0);
			assertThat(socket).as("socket file after SIGTERM").doesNotExist();
			assertThat(namesIn(this.dir.path())).as("nothing left in the socket directory").isEmpty();
			assertThat(server.output()).contains("gRPC server on Unix sockets stopped");
			assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process %d after exit", pid).isEmpty();
		}
		finally {
			if (client != null) {
				client.close();
			}
		}
	}

}
