package io.github.udsgrpc.boot.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.udsgrpc.boot.process.BootLine;
import io.github.udsgrpc.boot.load.RawPeer.Received;
import io.github.udsgrpc.boot.load.ServerProbe.TransportCounter;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.boot.testsupport.EchoStubs;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.grpc.ManagedChannel;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Peers that connect and never say a word hold a connection each, and nothing else: while 50 of them are connected,
 * a well-behaved client's calls go on succeeding and a new client can still connect and call. The server does not
 * count them as transports (grpc-java waits for the client's SETTINGS frame) and releases their connections once
 * they hang up.
 *
 * <p>
 * The server closes a connection that has not completed the HTTP/2 handshake after {@code grpc.uds.handshake-timeout}
 * (10 s by default; {@link ConnectionFloodTests} checks it with 1,000 peers): longer than this test takes to check
 * that the peers stay connected while the other client calls.
 *
 * <p>
 * Silent peers do hold up a graceful shutdown: grpc-java's graceful close sends GOAWAY and a PING and waits up to
 * 10 s for the PING's ack (NettyServerHandler's GRACEFUL_SHUTDOWN_PING_TIMEOUT) before closing, and a silent peer
 * never acks. The context's close is bounded by the grace period (grpc.server.shutdown-grace-period on net.devh,
 * spring.grpc.server.shutdown.grace-period on Boot 4.1), after which the starter's lifecycle
 * calls shutdownNow; the last test checks that bound.
 */
public abstract class SilentPeersDoNotDisturbOtherClientsTests extends LoadTestServer {

	protected SilentPeersDoNotDisturbOtherClientsTests(BootLine line) {
		super(line);
	}

	private static final int SILENT_PEERS = 50;

	/** HTTP/2 frame type SETTINGS. */
	private static final int SETTINGS = 0x4;

	private static final Duration GRACE_PERIOD = Duration.ofSeconds(1);

	@Test
	void fiftyPeersThatConnectAndNeverSpeakDoNotDisturbOtherClients() throws Exception {
		EchoStubs clients = stubs();
		TransportCounter transports = context.getBean(TransportCounter.class);
		List<RawPeer> peers = new ArrayList<>();
		try (SteadyClient steady = new SteadyClient("silent", clients.blocking()).start()) {
			assertThat(steady.awaitMoreRounds(3, Duration.ofSeconds(10))).as("rounds before the peers").isTrue();
			int socketsBefore = ProcFds.available() ? ProcFds.sockets() : -1;
			int readyBefore = transports.ready();
			int terminatedBefore = transports.terminatedReady() + transports.terminatedNeverReady();
			try {
				for (int i = 0; i < SILENT_PEERS; i++) {
					peers.add(RawPeer.connect(socket));
				}
				if (socketsBefore >= 0) {
					// Our 50 ends plus the 50 the server accepted: the kernel makes the server's descriptor on accept.
					await().atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(ProcFds.sockets()).as("socket descriptors with the peers")
							.isEqualTo(socketsBefore + 2 * SILENT_PEERS));
				}

				// During: the steady client goes on, explicit rounds succeed, and a new client connects and calls.
				assertThat(steady.awaitMoreRounds(20, Duration.ofSeconds(20))).as("rounds with the peers").isTrue();
				steady.round(2_000);
				EventLoopGroup group = LoadClients.eventLoopGroup("silent-newcomer", 1);
				ManagedChannel newcomer = LoadClients.channel(socket, group);
				try {
					assertThat(EchoGrpc.newBlockingStub(newcomer).withDeadlineAfter(5, TimeUnit.SECONDS)
						.unary(Calls.request("newcomer")).getText()).isEqualTo("newcomer");
				}
				finally {
					LoadClients.shutDown(newcomer);
					LoadClients.shutDown(group);
				}

				// Every silent peer is still connected, and got the server's SETTINGS frame: the server handled each
				// connection and waits for the peer's preface.
				for (RawPeer peer : peers) {
					Received received = peer.read(Duration.ofSeconds(5), 9);
					assertThat(received.ending()).as("silent peer's connection").isEqualTo(RawPeer.Ending.STILL_OPEN);
					assertThat(received.frameTypes()).as("frames the silent peer got").startsWith(SETTINGS);
				}
				assertThat(transports.ready()).as("transports ready: the newcomer only, no silent peer")
					.isEqualTo(readyBefore + 1);
				System.out.printf("[load] %d silent peers: socket descriptors %d before, %d with them; %s; "
						+ "steady rounds %d%n",
						SILENT_PEERS, socketsBefore, ProcFds.available() ? ProcFds.sockets() : -1, transports,
						steady.rounds());
			}
			finally {
				for (RawPeer peer : peers) {
					peer.close();
				}
			}

			// After: calls go on, and the server released the 50 connections (and the newcomer's).
			assertThat(steady.awaitMoreRounds(5, Duration.ofSeconds(10))).as("rounds after the peers").isTrue();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(transports.terminatedReady() + transports.terminatedNeverReady())
					.as("server transports terminated").isEqualTo(terminatedBefore + SILENT_PEERS + 1));
			if (socketsBefore >= 0) {
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(ProcFds.sockets()).as("socket descriptors after the peers")
						.isEqualTo(socketsBefore));
			}
			assertThat(steady.failures()).as("failures of the well-behaved client").isEmpty();
		}
	}

	@Test
	void contextClosesWithinItsGracePeriodWhileSilentPeersAreConnected() throws Exception {
		try (ShortTempDir closingDir = new ShortTempDir()) {
			Path closingSocket = closingDir.socket("closing.sock");
			// The class's other context is idle meanwhile: its threads, started or not, are the only others.
			Set<Thread> threadsBefore = udsGrpcThreads();
			ConfigurableApplicationContext closing = LoadClients.runApp(this.line, closingSocket,
					this.line.gracePeriod(GRACE_PERIOD));
			List<RawPeer> peers = new ArrayList<>();
			try {
				assertThat(this.line.echoStubs(closing).blocking().unary(Calls.request("before close")).getText())
					.isEqualTo("before close");
				for (int i = 0; i < 10; i++) {
					RawPeer peer = RawPeer.connect(closingSocket);
					peers.add(peer);
					assertThat(peer.read(Duration.ofSeconds(5), 9).frameTypes()).as("server handled the peer")
						.startsWith(SETTINGS);
				}
				long start = System.nanoTime();
				closing.close();
				long closeMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
				List<RawPeer.Ending> endings = new ArrayList<>();
				for (RawPeer peer : peers) {
					endings.add(peer.readUntilClosed(Duration.ofSeconds(5)).ending());
				}
				System.out.printf("[load] context with 10 silent peers closed in %d ms (grace period %d ms); "
						+ "peers: %s%n",
						closeMillis, GRACE_PERIOD.toMillis(), endings);
				// Grace period, then shutdownNow and the lifecycle's wait of at most 5 s for termination.
				assertThat(closeMillis).as("close time").isLessThan(GRACE_PERIOD.toMillis() + 5_000);
				assertThat(endings).as("silent peers' connections after close")
					.doesNotContain(RawPeer.Ending.STILL_OPEN);
				assertThat(closingSocket).as("socket file after close").doesNotExist();
				try (Stream<Path> entries = Files.list(closingDir.path())) {
					assertThat(entries).as("socket directory after close").isEmpty();
				}
				assertThat(udsGrpcThreads()).as("uds-grpc threads after close, but the other context's")
					.isSubsetOf(threadsBefore);
			}
			finally {
				for (RawPeer peer : peers) {
					peer.close();
				}
				closing.close();
			}
		}
	}

	private static Set<Thread> udsGrpcThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith("uds-grpc"))
			.collect(Collectors.toSet());
	}

}
