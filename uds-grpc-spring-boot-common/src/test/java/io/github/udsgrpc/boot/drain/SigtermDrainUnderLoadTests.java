package io.github.udsgrpc.boot.drain;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.udsgrpc.boot.drain.DrainLoadClient.CallRecord;
import io.github.udsgrpc.boot.drain.DrainLoadClient.Kind;
import io.github.udsgrpc.boot.drain.DrainLoadClient.Outcome;
import io.github.udsgrpc.boot.process.AbstractProcessTests;
import io.github.udsgrpc.boot.process.BootLine;
import io.github.udsgrpc.testsupport.JavaProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM under load: the line's echo application runs in a JVM of its own, {@link DrainLoadClient} loads it from
 * another (unary calls in a loop, long client-streaming and bidi calls, slow server streams), and the server is sent
 * SIGTERM in the middle of it. Draining means: the socket file goes at once, so new connections are refused while
 * the calls that started before the signal complete within the grace period; then the process exits.
 *
 * <p>
 * The client tells each failed call's outcome apart ({@link DrainLoadClient#classify}): refused (it never reached the
 * server) or lost (it did, and failed). The server's own account of the drain is read too: the lines the starter
 * logs through the application's log, which (unlike {@code java.util.logging}, reset by a JDK shutdown hook of its
 * own while the server drains) still works after SIGTERM.
 */
@Tag("overload")
public abstract class SigtermDrainUnderLoadTests extends AbstractProcessTests {

	private static final Duration GRACE_PERIOD = Duration.ofSeconds(10);

	/** The JVM's own shutdown after the drain; generous on a loaded machine. */
	private static final Duration EXIT_SLACK = Duration.ofSeconds(10);

	private static final Duration CLIENT_WARM_UP = Duration.ofSeconds(60);

	private static final Pattern DRAINING = Pattern.compile("gRPC server draining: (\\d+) call\\(s\\) in flight");

	private static final Pattern DRAINED = Pattern.compile("the calls in flight completed after (\\d+) ms");

	protected SigtermDrainUnderLoadTests(BootLine line) {
		super(line);
	}

	@Test
	void sigtermInTheMiddleOfASteadyLoadLosesNoStartedCallAndExitsWithinTheGracePeriod() throws Exception {
		Path socket = this.dir.socket("echo.sock");
		Path results = this.dir.path().resolve("calls.tsv");
		Path stopFile = this.dir.path().resolve("stop");
		JavaProcess server = this.processes
			.start(serverBuilder("server", socket, "--" + this.line.gracePeriod(GRACE_PERIOD)))
			.awaitOutput(listeningLine(socket), START_TIMEOUT);
		JavaProcess client = this.processes.start(JavaProcess.mainClass("load-client", DrainLoadClient.class)
			.args(socket.toString(), results.toString(), stopFile.toString()));
		client.awaitOutput(DrainLoadClient.WARMED_UP, CLIENT_WARM_UP);

		long signalMillis = System.currentTimeMillis();
		long signalNanos = System.nanoTime();
		server.sigterm();
		server.poll(() -> !Files.exists(socket), Duration.ofSeconds(10), "the socket file to be removed", false);
		long fileGoneNanos = System.nanoTime();
		IOException freshConnect = connectFailure(socket);
		long refusedConnectMillis = System.currentTimeMillis();
		boolean drainingAtRefusedConnect = server.isAlive()
				&& !server.output().contains("gRPC server on Unix sockets stopped");
		int exitCode = server.awaitExit(GRACE_PERIOD.plus(EXIT_SLACK));
		Duration exitAfter = Duration.ofNanos(System.nanoTime() - signalNanos);

		// New calls go on failing against the stopped server for a moment, then the client writes what it saw.
		Thread.sleep(1000);
		Files.writeString(stopFile, "stop");
		assertThat(client.awaitExit(Duration.ofSeconds(60))).as(client.describe()).isZero();
		assertThat(client.output()).contains(DrainLoadClient.DONE);
		List<CallRecord> calls = CallRecord.read(results);

		List<CallRecord> lost = calls.stream().filter((call) -> call.outcome() == Outcome.LOST).toList();
		List<CallRecord> longInFlightAtSignal = calls.stream()
			.filter((call) -> call.kind().isLong() && call.inFlightAt(signalMillis))
			.toList();
		List<CallRecord> serverStreamsInFlightAtSignal = calls.stream()
			.filter((call) -> call.kind() == Kind.SERVER_STREAM && call.inFlightAt(signalMillis))
			.toList();
		long longOkAfterRefusedConnect = calls.stream()
			.filter((call) -> call.kind() != Kind.UNARY && call.outcome() == Outcome.OK
					&& call.inFlightAt(refusedConnectMillis))
			.count();
		String serverLog = server.output();
		System.out.printf("[overload] %s: SIGTERM under load: calls OK before the signal %s, OK after it %s, "
				+ "refused %s, lost %d%n", this.line.getClass().getSimpleName(),
				count(calls, (call) -> call.outcome() == Outcome.OK && call.endMillis() < signalMillis),
				count(calls, (call) -> call.outcome() == Outcome.OK && call.endMillis() >= signalMillis),
				count(calls, (call) -> call.outcome() == Outcome.REFUSED), lost.size());
		System.out.printf("[overload] %s: in flight at the signal: %d long calls (%d OK), %d server streams "
				+ "(%d OK); socket file gone %d ms after the signal; a fresh connect then: %s (server still draining: "
				+ "%s, %d streaming calls still in flight that completed OK later)%n",
				this.line.getClass().getSimpleName(), longInFlightAtSignal.size(),
				longInFlightAtSignal.stream().filter((call) -> call.outcome() == Outcome.OK).count(),
				serverStreamsInFlightAtSignal.size(),
				serverStreamsInFlightAtSignal.stream().filter((call) -> call.outcome() == Outcome.OK).count(),
				(fileGoneNanos - signalNanos) / 1_000_000, freshConnect, drainingAtRefusedConnect,
				longOkAfterRefusedConnect);
		System.out.printf("[overload] %s: server log: %s call(s) in flight when draining began, completed after %s "
				+ "ms; exited with %d %d ms after the signal (grace period %s)%n", this.line.getClass().getSimpleName(),
				group(DRAINING, serverLog), group(DRAINED, serverLog), exitCode, exitAfter.toMillis(), GRACE_PERIOD);
		System.out.printf("[overload] %s: how refused calls failed: %s%n", this.line.getClass().getSimpleName(),
				histogram(calls.stream().filter((call) -> call.outcome() == Outcome.REFUSED).toList()));

		assertThat(lost).as("calls that reached the server and failed (%s)", histogram(lost)).isEmpty();
		assertThat(longInFlightAtSignal).as("long calls in flight at the signal").isNotEmpty()
			.allSatisfy((call) -> assertThat(call.outcome()).as("%s", call).isEqualTo(Outcome.OK));
		assertThat(serverStreamsInFlightAtSignal)
			.allSatisfy((call) -> assertThat(call.outcome()).as("%s", call).isEqualTo(Outcome.OK));
		assertThat(count(calls, (call) -> call.outcome() == Outcome.OK && call.endMillis() < signalMillis))
			.as("calls completed before the signal").isGreaterThan(0);
		assertThat(count(calls, (call) -> call.outcome() == Outcome.REFUSED && call.startMillis() > signalMillis))
			.as("calls refused after the signal: the server took no new call").isGreaterThan(0);

		assertThat(freshConnect).as("the failure of a fresh connect once the socket file is gone").isNotNull();
		assertThat(drainingAtRefusedConnect).as("the server was still draining when the fresh connect failed: %s",
				server.describe()).isTrue();
		assertThat(exitCode).as(server.describe()).isIn(143, 0);
		assertThat(serverLog).contains("gRPC server on Unix sockets stopped")
			.doesNotContain("still in flight; cancelling them")
			.containsPattern(DRAINING)
			.containsPattern(DRAINED);
		assertThat(Integer.parseInt(group(DRAINING, serverLog))).as("calls in flight when draining began")
			.isGreaterThan(0);
	}

	/** Connects to the socket and closes at once: the failure, or null if the connect succeeded. */
	private static IOException connectFailure(Path socket) {
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(socket));
			return null;
		}
		catch (IOException ex) {
			return ex;
		}
	}

	private static long count(List<CallRecord> calls, Predicate<CallRecord> filter) {
		return calls.stream().filter(filter).count();
	}

	private static String group(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		return matcher.find() ? matcher.group(1) : "?";
	}

	/** The failures by kind and by status, without the numbers in the texts. */
	private static Map<String, Long> histogram(List<CallRecord> calls) {
		return calls.stream()
			.collect(Collectors.groupingBy((call) -> call.kind() + " " + call.detail().replaceAll("\\d+", "N"),
					TreeMap::new, Collectors.counting()));
	}

}
