package io.github.udsgrpc.boot.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import io.github.udsgrpc.boot.process.BootLine;
import io.github.udsgrpc.boot.load.ServerProbe.TransportCounter;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One socket serves 1,000 client connections at once: 1,000 separate grpc-java channels (one shared epoll event loop
 * group on the client side) all connect, the server counts 1,000 transports open at the same time, each channel makes
 * a unary call that succeeds, and once the channels are closed the server has released every connection.
 *
 * <p>
 * Limits that apply: the listening socket's backlog is Netty's default, the kernel's somaxconn (4096 on this
 * machine's kernel; neither grpc-java nor the starter sets SO_BACKLOG); each connection costs two descriptors in this
 * JVM (client and server end), 2,000 in all, under ulimit -n.
 */
public abstract class ThousandConnectionsOnOneSocketTests extends LoadTestServer {

	protected ThousandConnectionsOnOneSocketTests(BootLine line) {
		super(line);
	}

	private static final int CONNECTIONS = 1_000;

	@Test
	void thousandConnectionsAreServedAtOnce() throws Exception {
		TransportCounter transports = context.getBean(TransportCounter.class);
		int openBefore = transports.open();
		int terminatedBefore = transports.terminatedReady();
		transports.resetPeak();
		EventLoopGroup group = LoadClients.eventLoopGroup("thousand-clients", 2);
		List<ManagedChannel> channels = new ArrayList<>(CONNECTIONS);
		try {
			for (int i = 0; i < CONNECTIONS; i++) {
				channels.add(LoadClients.channel(socket, group));
			}
			long start = System.nanoTime();
			CountDownLatch ready = new CountDownLatch(CONNECTIONS);
			channels.forEach((channel) -> whenReady(channel, ready));
			boolean allReady = ready.await(60, TimeUnit.SECONDS);
			long connectMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			long readyCount = channels.stream().filter((c) -> c.getState(false) == ConnectivityState.READY).count();
			assertThat(allReady).as("all channels READY within 60 s (%d are)", readyCount).isTrue();
			assertThat(readyCount).as("channels READY at once").isEqualTo(CONNECTIONS);
			// The server's count follows as each client's SETTINGS frame arrives.
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(transports.open()).as("server transports open")
					.isEqualTo(openBefore + CONNECTIONS));
			int socketFds = ProcFds.available() ? ProcFds.sockets() : -1;

			start = System.nanoTime();
			List<ListenableFuture<EchoReply>> replies = new ArrayList<>(CONNECTIONS);
			for (int i = 0; i < CONNECTIONS; i++) {
				replies.add(EchoGrpc.newFutureStub(channels.get(i))
					.withDeadlineAfter(30, TimeUnit.SECONDS)
					.unary(Calls.request("connection " + i)));
			}
			List<EchoReply> all = Futures.allAsList(replies).get(40, TimeUnit.SECONDS);
			long callMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			for (int i = 0; i < CONNECTIONS; i++) {
				assertThat(all.get(i).getText()).isEqualTo("connection " + i);
			}
			assertThat(channels).as("no channel dropped during the calls")
				.allMatch((c) -> c.getState(false) == ConnectivityState.READY);
			int peak = transports.peak();
			System.out.printf("[load] %d connections: all READY after %d ms; %d unary calls (one per connection) "
					+ "in %d ms; server transports at peak %d; socket descriptors %d; %s%n", CONNECTIONS, connectMillis,
					CONNECTIONS, callMillis, peak, socketFds, transports);
			assertThat(peak).as("server transports open at peak").isEqualTo(openBefore + CONNECTIONS);

			start = System.nanoTime();
			for (ManagedChannel channel : channels) {
				channel.shutdown();
			}
			for (ManagedChannel channel : channels) {
				assertThat(channel.awaitTermination(20, TimeUnit.SECONDS)).as("channel terminated").isTrue();
			}
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(transports.terminatedReady()).as("server transports terminated")
					.isEqualTo(terminatedBefore + CONNECTIONS));
			assertThat(transports.open()).as("server transports open after close").isEqualTo(openBefore);
			System.out.printf("[load] %d connections closed and released by the server in %d ms%n", CONNECTIONS,
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
		}
		finally {
			channels.forEach(ManagedChannel::shutdownNow);
			for (ManagedChannel channel : channels) {
				channel.awaitTermination(5, TimeUnit.SECONDS);
			}
			LoadClients.shutDown(group);
		}
	}

	/** Connects the channel and counts the latch down once it is READY, reconnecting from any other state. */
	private static void whenReady(ManagedChannel channel, CountDownLatch ready) {
		ConnectivityState state = channel.getState(true);
		if (state == ConnectivityState.READY) {
			ready.countDown();
		}
		else if (state != ConnectivityState.SHUTDOWN) {
			channel.notifyWhenStateChanged(state, () -> whenReady(channel, ready));
		}
	}

}
