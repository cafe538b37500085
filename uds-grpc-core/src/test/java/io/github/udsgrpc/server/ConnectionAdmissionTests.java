package io.github.udsgrpc.server;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.udsgrpc.client.UdsChannels;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.testsupport.LogCapture;
import io.github.udsgrpc.testsupport.PlainEchoService;
import io.github.udsgrpc.testsupport.RawHttp2;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.udsgrpc.testsupport.Calls.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * A listener's connection limit and handshake timeout ({@link ConnectionAdmission}, grpc-java's handshake timeout)
 * on a real {@link UdsServer}, with grpc-java channels and raw JDK socket channels as peers.
 */
class ConnectionAdmissionTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	@RegisterExtension
	final LogCapture logs = new LogCapture();

	private final PlainEchoService echo = new PlainEchoService();

	private final List<UdsServer> servers = new ArrayList<>();

	private final List<ManagedChannel> channels = new ArrayList<>();

	private final List<SocketChannel> rawPeers = new ArrayList<>();

	@AfterEach
	void closeEverything() throws Exception {
		for (SocketChannel peer : this.rawPeers) {
			peer.close();
		}
		for (ManagedChannel channel : this.channels) {
			channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}
		for (UdsServer server : this.servers) {
			server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void aConnectionBeyondTheLimitIsClosedBeforeAnyHttp2ByteCountedAndLoggedOnce() throws Exception {
		Path socket = this.dir.socket("limit.sock");
		UdsServer server = start(socket, (options) -> options.name("limited").maxConnections(2));
		ManagedChannel first = channel(socket);
		ManagedChannel second = channel(socket);
		assertCalls(first, "one");
		assertCalls(second, "two");
		await().atMost(WAIT).until(() -> status(server).openConnections() == 2);

		long start = System.nanoTime();
		SocketChannel third = rawPeer(socket);
		EOFException closed = catchThrowableOfType(EOFException.class, () -> RawHttp2.read(third, 1, WAIT));
		long closedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		System.out.printf("[overload] a connection beyond a limit of 2 was closed %d ms after it connected%n",
				closedMillis);
		assertThat(closed).as("the third connection, closed by the server").isNotNull();
		assertThat(closed).hasMessage("The peer closed the connection after 0 of 1 bytes");
		await().atMost(WAIT).until(() -> status(server).refusedConnections() == 1);

		assertCalls(first, "still one");
		assertCalls(second, "still two");
		SocketChannel fourth = rawPeer(socket);
		assertThatExceptionOfType(EOFException.class).as("a fourth connection")
			.isThrownBy(() -> RawHttp2.read(fourth, 1, WAIT));
		await().atMost(WAIT).until(() -> status(server).refusedConnections() == 2);

		UdsListenerStatus status = status(server);
		assertThat(status.openConnections()).isEqualTo(2);
		assertThat(status.acceptFailures()).isZero();
		assertThat(status.listening()).isTrue();
		String log = this.logs.toString();
		assertThat(log).contains("WARNING: Socket listener 'limited' (" + socket + ") closed a new connection: 2 "
				+ "connections are open, its limit (grpc.uds.max-connections, or maxConnections of a listener in code).");
		assertThat(occurrences(log, "closed a new connection")).as("refusals logged in " + log).isOne();
	}

	@Test
	void aClosedConnectionFreesItsPlaceForANewOne() throws Exception {
		Path socket = this.dir.socket("freed.sock");
		UdsServer server = start(socket, (options) -> options.maxConnections(2));
		ManagedChannel first = channel(socket);
		ManagedChannel second = channel(socket);
		assertCalls(first, "one");
		assertCalls(second, "two");
		await().atMost(WAIT).until(() -> status(server).openConnections() == 2);

		first.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		// The listener's count goes down when the server's channel closes, before grpc-java counts the transport out.
		await().atMost(WAIT).until(() -> status(server).openConnections() == 1);

		ManagedChannel third = channel(socket);
		assertCalls(third, "three");
		assertCalls(second, "still two");
		UdsListenerStatus status = status(server);
		assertThat(status.refusedConnections()).as("refused: the third was admitted at its first attempt").isZero();
		assertThat(status.openConnections()).isEqualTo(2);
	}

	@Test
	void peersInTheirHandshakeHoldPlacesUntilTheHandshakeTimeoutClosesThem() throws Exception {
		Duration handshakeTimeout = Duration.ofSeconds(2);
		Path socket = this.dir.socket("silent.sock");
		UdsServer server = start(socket, (options) -> options.maxConnections(3).handshakeTimeout(handshakeTimeout));
		ManagedChannel client = channel(socket);
		assertCalls(client, "before");

		// Two peers that connect and never speak: the server sends its SETTINGS, they never send the preface.
		long start = System.nanoTime();
		List<SocketChannel> silent = List.of(rawPeer(socket), rawPeer(socket));
		for (SocketChannel peer : silent) {
			assertThat(RawHttp2.readSettings(peer, WAIT).type()).as("the server's first frame")
				.isEqualTo(RawHttp2.SETTINGS);
		}
		// They hold the two places left: a newcomer is closed at once, before any byte.
		SocketChannel newcomer = rawPeer(socket);
		Throwable newcomerEnd = catchThrowable(() -> RawHttp2.read(newcomer, 1, WAIT));
		long checkedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		if (checkedMillis < handshakeTimeout.toMillis() / 2) {
			assertThat(newcomerEnd).as("a newcomer while the silent peers hold their places")
				.isInstanceOf(EOFException.class)
				.hasMessage("The peer closed the connection after 0 of 1 bytes");
			assertThat(status(server).refusedConnections()).isOne();
		}
		else {
			// So slow a machine that the silent peers may be gone already: the refusal itself is tested above.
			System.out.printf("[overload] newcomer checked %d ms after the silent peers connected: too late to tell "
					+ "whether they held their places%n", checkedMillis);
		}
		assertThat(status(server).openConnections()).as("counted by grpc-java: the client only").isOne();

		List<Long> closedMillis = new ArrayList<>();
		for (SocketChannel peer : silent) {
			readUntilClosed(peer, WAIT);
			closedMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
		}
		System.out.printf("[overload] 2 silent peers closed %s ms after they connected (handshake timeout %d ms)%n",
				closedMillis, handshakeTimeout.toMillis());
		assertThat(closedMillis).allSatisfy((millis) -> assertThat(millis).as("closed after the timeout, not before")
			.isGreaterThanOrEqualTo(handshakeTimeout.toMillis())
			.isLessThan(ConnectionLimits.DEFAULT_HANDSHAKE_TIMEOUT.toMillis()));

		// Their places are free again, and the client that finished its handshake was left alone.
		await().atMost(WAIT).untilAsserted(() -> assertCalls(channel(socket), "after"));
		assertCalls(client, "still connected");
		assertThat(status(server).acceptFailures()).isZero();
	}

	private UdsServer start(Path socket, Consumer<UdsListenerOptions> options) throws IOException {
		UdsServer server = UdsServer.builder().listenUnixSocket(socket, options).addService(this.echo).build();
		this.servers.add(server);
		return server.start();
	}

	private static UdsListenerStatus status(UdsServer server) {
		List<UdsListenerStatus> statuses = server.getListenerStatuses();
		assertThat(statuses).hasSize(1);
		return statuses.get(0);
	}

	private ManagedChannel channel(Path socket) {
		ManagedChannel channel = UdsChannels.forTarget("unix:" + socket).build();
		this.channels.add(channel);
		return channel;
	}

	private SocketChannel rawPeer(Path socket) throws IOException {
		SocketChannel peer = RawHttp2.connect(socket);
		this.rawPeers.add(peer);
		return peer;
	}

	private static void assertCalls(ManagedChannel channel, String text) {
		assertThat(EchoGrpc.newBlockingStub(channel)
			.withDeadlineAfter(30, TimeUnit.SECONDS)
			.unary(request(text))
			.getText()).isEqualTo(text);
	}

	/** Reads and drops what the server sends until it closes the connection. */
	private static void readUntilClosed(SocketChannel peer, Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				throw new AssertionError("The server did not close the connection within " + timeout);
			}
			try {
				RawHttp2.read(peer, 1, Duration.ofNanos(remaining));
			}
			catch (EOFException ex) {
				return;
			}
			catch (IOException ex) {
				// A reset, or the timeout: a reset is a close too.
				if (ex.getMessage() != null && ex.getMessage().startsWith("Read 0 of 1 bytes within")) {
					throw new AssertionError("The server did not close the connection within " + timeout, ex);
				}
				return;
			}
		}
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
			count++;
		}
		return count;
	}

}
