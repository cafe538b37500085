package io.github.udsgrpc.autoconfigure.server;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.autoconfigure.testsupport.EchoApp;
import io.github.udsgrpc.autoconfigure.testsupport.EchoClients;
import io.github.udsgrpc.autoconfigure.testsupport.EchoService;
import io.github.udsgrpc.netdevh.UdsGrpcServerFactory;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shutdown: calls in flight finish within the grace period, the socket goes at once, and idle or silent
 * connections do not hold the shutdown up.
 */
class GracefulShutdownTests {

	private final ShortTempDir dir = new ShortTempDir();

	// Own threads: the common pool may have a single thread on two cores, and the held call would block the close.
	private final ExecutorService threads = Executors.newCachedThreadPool();

	@AfterEach
	void cleanUp() {
		this.threads.shutdownNow();
		this.dir.close();
	}

	@Test
	void aCallInFlightFinishesWhileTheSocketIsAlreadyGone() throws Exception {
		Path socket = this.dir.socket("graceful.sock");
		EchoService.held = new CountDownLatch(1);
		ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket,
				"grpc.client.echo.address=unix:" + socket, "grpc.server.shutdown-grace-period=30s");
		try (HandWiredChannel other = new HandWiredChannel(socket)) {
			UdsGrpcServerFactory factory = context.getBean(UdsGrpcServerFactory.class);
			CompletableFuture<EchoReply> held = CompletableFuture
				.supplyAsync(() -> context.getBean(EchoClients.class).blocking.unary(Calls.request("hold")), this.threads);
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> factory.getCallsInFlight() == 1);

			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close, this.threads);
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !socket.toFile().exists());
			try {
				EchoGrpc.newBlockingStub(other.channel())
					.withDeadlineAfter(2, TimeUnit.SECONDS)
					.unary(Calls.request("new call"));
				throw new AssertionError("a new connection was accepted during shutdown");
			}
			catch (StatusRuntimeException expected) {
				assertThat(expected.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
			}
			assertThat(held).as("the held call, before it is released").isNotDone();
			assertThat(closing).as("the close, while a call is in flight").isNotDone();

			EchoService.held.countDown();
			assertThat(held.get(20, TimeUnit.SECONDS).getText()).isEqualTo("hold");
			closing.get(20, TimeUnit.SECONDS);
		}
		finally {
			EchoService.held.countDown();
			context.close();
		}
	}

	@Test
	void callsOverTheGracePeriodAreCancelled() throws Exception {
		Path socket = this.dir.socket("impatient.sock");
		EchoService.held = new CountDownLatch(1);
		ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket,
				"grpc.client.echo.address=unix:" + socket, "grpc.server.shutdown-grace-period=300ms");
		try {
			UdsGrpcServerFactory factory = context.getBean(UdsGrpcServerFactory.class);
			CompletableFuture<EchoReply> slow = CompletableFuture
				.supplyAsync(() -> context.getBean(EchoClients.class).blocking.unary(Calls.request("hold")), this.threads);
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> factory.getCallsInFlight() == 1);
			long start = System.nanoTime();
			context.close();
			long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			assertThat(closeMillis).as("close waited for the held call instead of the 300 ms grace period")
				.isLessThan(10_000);
			assertThat(slow).failsWithin(Duration.ofSeconds(10))
				.withThrowableOfType(java.util.concurrent.ExecutionException.class)
				.havingCause()
				.isInstanceOf(StatusRuntimeException.class);
		}
		finally {
			EchoService.held.countDown();
			context.close();
		}
	}

	@Test
	void aSilentPeerDoesNotHoldTheShutdownUp() throws Exception {
		Path socket = this.dir.socket("silent.sock");
		ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket,
				"grpc.server.shutdown-grace-period=30s");
		try (SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			silent.connect(UnixDomainSocketAddress.of(socket));
			// A complete HTTP/2 handshake (preface, SETTINGS, ack of the server's SETTINGS), then silence: the
			// peer never answers the PING that grpc-java's graceful close sends with its GOAWAY.
			silent.write(ByteBuffer.wrap("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
			silent.write(ByteBuffer.wrap(new byte[] { 0, 0, 0, 4, 0, 0, 0, 0, 0 }));
			silent.read(ByteBuffer.allocate(9)); // the server's SETTINGS frame header, at least
			silent.write(ByteBuffer.wrap(new byte[] { 0, 0, 0, 4, 1, 0, 0, 0, 0 }));
			long start = System.nanoTime();
			context.close();
			long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			// grpc-java alone waits 10 s for the silent peer to answer the GOAWAY ping.
			assertThat(closeMillis).as("close held up by a connection with no call").isLessThan(5_000);
		}
		finally {
			context.close();
		}
	}

}
