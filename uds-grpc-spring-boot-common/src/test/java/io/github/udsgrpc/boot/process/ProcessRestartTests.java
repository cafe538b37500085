package io.github.udsgrpc.boot.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.JavaProcess;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

/**
 * A server process killed with SIGKILL leaves its socket file behind; the next one must take the path over, and
 * clients must get through to it.
 */
public abstract class ProcessRestartTests extends AbstractProcessTests {

	protected ProcessRestartTests(BootLine line) {
		super(line);
	}

	@Test
	void serverStartsOnTheStaleSocketThatAKilledServerLeftBehind() throws Exception {
		Path socket = this.dir.socket("echo.sock");
		JavaProcess first = startServer("first", socket).awaitOutput(listeningLine(socket), START_TIMEOUT);
		assertThat(echo(socket, "before kill")).isEqualTo("before kill");
		long staleInode = inode(socket);

		first.sigkill();
		assertThat(first.awaitExit(Duration.ofSeconds(10))).as("exit code after SIGKILL").isEqualTo(137);
		assertThat(JavaProcess.isSocket(socket)).as("SIGKILL runs no shutdown code: the socket file stays").isTrue();
		assertThat(inode(socket)).isEqualTo(staleInode);

		JavaProcess second = startServer("second", socket).awaitOutput(listeningLine(socket), START_TIMEOUT);
		assertThat(second.output()).as(second.describe()).contains("Removed stale socket " + socket);
		assertThat(JavaProcess.isSocket(socket)).isTrue();
		// No inode comparison here: once the stale file is removed, the file system may hand its inode number to
		// the second server's socket (seen on ext4). The echo below proves the file now leads to a live server.
		assertThat(echo(socket, "after restart")).isEqualTo("after restart");
		assertThat(namesIn(this.dir.path())).as("nothing but the socket (no private directory left)")
			.containsExactly("echo.sock");
	}

	@Test
	void aClientKeepsItsChannelWhileTheServerProcessIsKilledAndRestarted() throws Exception {
		Path socket = this.dir.socket("echo.sock");
		try (HandWiredChannel channel = new HandWiredChannel(socket)) {
			EchoGrpc.EchoBlockingStub stub = EchoGrpc.newBlockingStub(channel.channel());
			JavaProcess first = startServer("first", socket).awaitOutput(listeningLine(socket), START_TIMEOUT);
			assertThat(call(stub, "first server", 10)).isEqualTo("first server");

			first.sigkill();
			first.awaitExit(Duration.ofSeconds(10));
			StatusRuntimeException failure = catchThrowableOfType(() -> call(stub, "nobody there", 5),
					StatusRuntimeException.class);
			assertThat(failure).as("a call while no server runs").isNotNull();
			assertThat(failure.getStatus().getCode()).as(failure.toString()).isEqualTo(Status.Code.UNAVAILABLE);

			JavaProcess second = startServer("second", socket).awaitOutput(listeningLine(socket), START_TIMEOUT);
			long serving = System.nanoTime();
			List<String> failures = new ArrayList<>();
			String reply = null;
			while (reply == null) {
				try {
					reply = call(stub, "second server", 1);
				}
				catch (StatusRuntimeException ex) {
					failures.add(ex.getStatus().getCode().toString());
					if (Duration.ofNanos(System.nanoTime() - serving).compareTo(Duration.ofSeconds(30)) > 0) {
						fail("The same stub did not reach the restarted server within 30 s; failures: " + failures + "\n"
								+ second.describe());
					}
					Thread.sleep(100);
				}
			}
			assertThat(reply).isEqualTo("second server");
			System.out.printf("[process-tests] the kept stub reached the restarted server %d ms after it served "
					+ "(failed calls meanwhile: %s)%n", Duration.ofNanos(System.nanoTime() - serving).toMillis(), failures);
			assertThat(failures).as("calls that failed while the channel reconnected")
				.allMatch((code) -> code.equals("UNAVAILABLE") || code.equals("DEADLINE_EXCEEDED"));
		}
	}

	private static String call(EchoGrpc.EchoBlockingStub stub, String text, int deadlineSeconds) {
		return stub.withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS).unary(Calls.request(text)).getText();
	}

}
