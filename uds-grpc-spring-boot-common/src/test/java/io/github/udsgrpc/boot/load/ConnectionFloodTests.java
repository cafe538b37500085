package io.github.udsgrpc.boot.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.udsgrpc.boot.process.AbstractProcessTests;
import io.github.udsgrpc.boot.process.BootLine;
import io.github.udsgrpc.boot.soak.ServerResources;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.JavaProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Floods a server process of a Spring Boot line with connections, as any local process that may open its socket
 * could: more than its connection limit, peers that connect and never speak, more than it has file descriptors.
 * Each time a well-behaved client connected before the flood goes on being served, the server neither spins nor
 * logs per connection, and once the flood ends new clients connect again.
 */
@Tag("overload")
public abstract class ConnectionFloodTests extends AbstractProcessTests {

	private static final int LIMIT = 500;

	private static final int FLOOD = 2_000;

	private static final int SILENT_PEERS = 1_000;

	private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

	/** The server's descriptor limit in the exhaustion test (soft and hard, so that the JVM cannot raise it). */
	private static final int DESCRIPTOR_LIMIT = 256;

	protected ConnectionFloodTests(BootLine line) {
		super(line);
	}

	@Test
	void twoThousandConnectionsAgainstALimitOfFiveHundred() throws Exception {
		Path socket = this.dir.socket("echo.sock");
		JavaProcess server = startServer("server", socket, "--grpc.uds.max-connections=" + LIMIT)
			.awaitOutput(listeningLine(socket), START_TIMEOUT);
		try (HandWiredChannel steadyChannel = new HandWiredChannel(socket);
				SteadyClient steady = new SteadyClient("limit", EchoGrpc.newBlockingStub(steadyChannel.channel())).start()) {
			Path go = this.dir.path().resolve("go");
			JavaProcess flood = this.processes.start(JavaProcess.mainClass("flood", ConnectionFlood.class)
				.args(socket.toString(), String.valueOf(FLOOD), go.toString()));
			flood.awaitOutput(ConnectionFlood.CONNECTED, Duration.ofSeconds(90));
			int[] first = counts(flood.output(), ConnectionFlood.CONNECTED);
			System.out.printf("[overload] %d connections against a limit of %d: %s%n", FLOOD, LIMIT,
					line(flood.output(), ConnectionFlood.CONNECTED));
			// The steady client holds one of the 500.
			assertThat(first[0]).as("flood calls that got a connection: " + flood.describe()).isEqualTo(LIMIT - 1);
			assertThat(first[1]).as("flood calls refused").isEqualTo(FLOOD - LIMIT + 1);
			assertThat(steady.awaitMoreRounds(5, Duration.ofSeconds(20))).as("steady rounds at the limit").isTrue();

			// At the limit, a newcomer is refused too; the admitted connections go on working.
			assertThat(callsOnANewConnection(socket)).as("a newcomer's call at the limit").isFalse();
			Files.createFile(go);
			flood.awaitOutput(ConnectionFlood.DONE, Duration.ofSeconds(60));
			int[] again = counts(flood.output(), ConnectionFlood.AGAIN);
			assertThat(again).as("second calls on the admitted connections").containsExactly(LIMIT - 1, 0);
			assertThat(flood.awaitExit(Duration.ofSeconds(20))).as(flood.describe()).isZero();

			// The flood is over: its connections closed, newcomers get in again.
			await().atMost(Duration.ofSeconds(20)).until(() -> callsOnANewConnection(socket));
			assertThat(steady.awaitMoreRounds(5, Duration.ofSeconds(20))).as("steady rounds after the flood").isTrue();
			assertThat(steady.failures()).as("failures of the steady client").isEmpty();
		}
		String log = server.output();
		int refusalLines = occurrences(log, "closed a new connection") + occurrences(log, "more new connection(s)");
		System.out.printf("[overload] server log: %d refusal line(s) for %d refusals%n", refusalLines,
				FLOOD - LIMIT + 2);
		assertThat(occurrences(log, "closed a new connection")).as("first refusal logged once: " + log).isEqualTo(1);
		// Then a summary at most every 15 s: this test lasts well under a minute.
		assertThat(refusalLines).as("refusal lines").isBetween(1, 5);
	}

	@Test
	void thousandSilentConnectionsAreClosedAfterTheHandshakeTimeout() throws Exception {
		Path socket = this.dir.socket("echo.sock");
		JavaProcess server = startServer("server", socket,
				"--grpc.uds.handshake-timeout=" + HANDSHAKE_TIMEOUT.toMillis() + "ms")
			.awaitOutput(listeningLine(socket), START_TIMEOUT);
		ServerResources serverProcess = new ServerResources(server.pid());
		List<RawPeer> peers = new ArrayList<>();
		try (HandWiredChannel steadyChannel = new HandWiredChannel(socket);
				SteadyClient steady = new SteadyClient("silent", EchoGrpc.newBlockingStub(steadyChannel.channel())).start()) {
			int descriptorsBefore = serverProcess.descriptors();
			try {
				long start = System.nanoTime();
				for (int i = 0; i < SILENT_PEERS; i++) {
					peers.add(RawPeer.connect(socket));
				}
				long connectedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
				// Well inside the timeout (if connecting was quick enough to tell), the peers are still connected.
				if (connectedMillis < HANDSHAKE_TIMEOUT.toMillis() / 4) {
					for (RawPeer peer : peers.subList(peers.size() - 10, peers.size())) {
						assertThat(peer.read(Duration.ofMillis(100), Integer.MAX_VALUE).ending())
							.as("a silent peer before the handshake timeout")
							.isEqualTo(RawPeer.Ending.STILL_OPEN);
					}
				}
				List<RawPeer.Ending> endings = new ArrayList<>();
				for (RawPeer peer : peers) {
					endings.add(peer.readUntilClosed(HANDSHAKE_TIMEOUT.plusSeconds(20)).ending());
				}
				long closedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
				System.out.printf("[overload] %d silent peers connected in %d ms, all closed by the server %d ms "
						+ "after the first connected (handshake timeout %d ms); server descriptors %d before%n",
						SILENT_PEERS, connectedMillis, closedMillis, HANDSHAKE_TIMEOUT.toMillis(), descriptorsBefore);
				assertThat(endings).as("silent peers' connections").doesNotContain(RawPeer.Ending.STILL_OPEN);
				assertThat(closedMillis).as("closed no sooner than the timeout")
					.isGreaterThanOrEqualTo(HANDSHAKE_TIMEOUT.toMillis());
			}
			finally {
				for (RawPeer peer : peers) {
					peer.close();
				}
			}
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(serverProcess.descriptors()).as("server descriptors after the peers")
					.isEqualTo(descriptorsBefore));
			assertThat(steady.awaitMoreRounds(5, Duration.ofSeconds(20))).as("steady rounds after the peers").isTrue();
			assertThat(steady.failures()).as("failures of the steady client").isEmpty();
			assertThat(callsOnANewConnection(socket)).as("a newcomer's call").isTrue();
		}
		assertThat(server.isAlive()).isTrue();
	}

	@Test
	void floodPastTheDescriptorLimitNeitherSpinsNorStopsServing() throws Exception {
		Path socket = this.dir.socket("echo.sock");
		// The silent peers must keep their descriptors for the whole test.
		JavaProcess server = this.processes.start(serverBuilder("server", socket, "--grpc.uds.handshake-timeout=5m")
			.wrappedIn("prlimit", "--nofile=" + DESCRIPTOR_LIMIT + ":" + DESCRIPTOR_LIMIT, "--"))
			.awaitOutput(listeningLine(socket), START_TIMEOUT);
		ServerResources serverProcess = new ServerResources(server.pid());
		List<RawPeer> peers = new ArrayList<>();
		try (HandWiredChannel steadyChannel = new HandWiredChannel(socket)) {
			EchoGrpc.EchoBlockingStub steadyStub = EchoGrpc.newBlockingStub(steadyChannel.channel());
			SteadyClient steady = new SteadyClient("exhausted", steadyStub);
			steady.round(0);
			int descriptorsBefore = serverProcess.descriptors();
			try {
				// More peers than descriptors left: the kernel queues the rest in the listener's backlog.
				for (int i = 0; i < DESCRIPTOR_LIMIT; i++) {
					peers.add(RawPeer.connect(socket));
				}
				server.awaitOutput("cannot accept connections", Duration.ofSeconds(20));
				int descriptorsExhausted = serverProcess.descriptors();
				// Served while out of descriptors: its connection is open, a call needs none.
				for (int i = 1; i <= 20; i++) {
					steady.round(i);
				}
				long cpuBefore = serverProcess.cpuMillis();
				long start = System.nanoTime();
				Thread.sleep(3_000);
				long cpu = serverProcess.cpuMillis() - cpuBefore;
				long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
				String log = server.output();
				System.out.printf("[overload] out of descriptors (limit %d): %d open before the flood, %d during; "
						+ "server CPU %d ms in %d ms while idle and exhausted; %d \"cannot accept\" line(s)%n",
						DESCRIPTOR_LIMIT, descriptorsBefore, descriptorsExhausted, cpu, wall,
						occurrences(log, "cannot accept connections"));
				assertThat(descriptorsExhausted).as("server descriptors during the flood").isEqualTo(DESCRIPTOR_LIMIT);
				// A spinning event loop burns a whole core; this is a quarter of one.
				assertThat(cpu).as("server CPU time while out of descriptors").isLessThan(wall / 4);
				assertThat(occurrences(log, "cannot accept connections")).as("accept failure logged once: " + log)
					.isEqualTo(1);
			}
			finally {
				for (RawPeer peer : peers) {
					peer.close();
				}
			}
			// The server closes the peers' connections, accepts the backlog (closed by now too) and is back.
			server.awaitOutput("accepts connections again", Duration.ofSeconds(20));
			await().atMost(Duration.ofSeconds(20)).until(() -> callsOnANewConnection(socket));
			steady.round(21);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(serverProcess.descriptors()).as("server descriptors after the flood")
					.isEqualTo(descriptorsBefore));
		}
		assertThat(server.output()).doesNotContain("reached at the tail of the pipeline");
	}

	private static boolean callsOnANewConnection(Path socket) throws InterruptedException {
		try (HandWiredChannel channel = new HandWiredChannel(socket)) {
			return "newcomer".equals(EchoGrpc.newBlockingStub(channel.channel())
				.withDeadlineAfter(5, TimeUnit.SECONDS)
				.unary(Calls.request("newcomer"))
				.getText());
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static int[] counts(String output, String marker) {
		Matcher matcher = Pattern.compile(marker + " ok=(\\d+) failed=(\\d+)").matcher(output);
		assertThat(matcher.find()).as("'%s' in %s", marker, output).isTrue();
		return new int[] { Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)) };
	}

	private static String line(String output, String marker) {
		return output.lines().filter((line) -> line.startsWith(marker)).findFirst().orElse("(none)");
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
			count++;
		}
		return count;
	}

}
