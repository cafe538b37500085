package io.github.udsgrpc.boot4.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.boot4.testsupport.EchoApp4;
import io.github.udsgrpc.springgrpc.UdsGrpcServerFactory;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.PlainEchoService;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing a Spring Boot 4.1 context with a call in flight: the socket file goes first, so no new connection is
 * accepted, the call finishes within {@code spring.grpc.server.shutdown.grace-period}, and one that outlasts it is
 * cancelled.
 */
class GracefulShutdownTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private final ExecutorService threads = Executors.newCachedThreadPool();

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	@Test
	void aCallInFlightFinishesWhileTheSocketIsAlreadyGone() throws Exception {
		Path socket = this.dir.socket("graceful.sock");
		ConfigurableApplicationContext context = EchoApp4.run("grpc.uds.path=" + socket,
				"spring.grpc.server.shutdown.grace-period=30s");
		PlainEchoService echo = context.getBean(PlainEchoService.class);
		try (HandWiredChannel holder = new HandWiredChannel(socket); HandWiredChannel other = new HandWiredChannel(socket)) {
			UdsGrpcServerFactory factory = context.getBean(UdsGrpcServerFactory.class);
			CompletableFuture<EchoReply> held = CompletableFuture.supplyAsync(
					() -> EchoGrpc.newBlockingStub(holder.channel()).unary(Calls.request(PlainEchoService.HOLD)),
					this.threads);
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> factory.getCallsInFlight() == 1);

			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close, this.threads);
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !socket.toFile().exists());
			StatusRuntimeException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
					StatusRuntimeException.class, () -> EchoGrpc.newBlockingStub(other.channel())
						.withDeadlineAfter(2, TimeUnit.SECONDS)
						.unary(Calls.request("new call")));
			assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
			assertThat(held).as("the held call, before it is released").isNotDone();
			assertThat(closing).as("the close, while a call is in flight").isNotDone();

			echo.release();
			assertThat(held.get(20, TimeUnit.SECONDS).getText()).isEqualTo(PlainEchoService.HOLD);
			closing.get(20, TimeUnit.SECONDS);
		}
		finally {
			echo.release();
			context.close();
		}
	}

	@Test
	void aCallOverTheGracePeriodIsCancelled() throws Exception {
		Path socket = this.dir.socket("impatient.sock");
		ConfigurableApplicationContext context = EchoApp4.run("grpc.uds.path=" + socket,
				"spring.grpc.server.shutdown.grace-period=300ms");
		PlainEchoService echo = context.getBean(PlainEchoService.class);
		try (HandWiredChannel channel = new HandWiredChannel(socket)) {
			UdsGrpcServerFactory factory = context.getBean(UdsGrpcServerFactory.class);
			CompletableFuture<EchoReply> slow = CompletableFuture.supplyAsync(
					() -> EchoGrpc.newBlockingStub(channel.channel()).unary(Calls.request(PlainEchoService.HOLD)),
					this.threads);
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> factory.getCallsInFlight() == 1);
			context.close();
			assertThat(slow).failsWithin(Duration.ofSeconds(10))
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOf(StatusRuntimeException.class);
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> echo.cancelledCalls() == 1);
		}
		finally {
			echo.release();
			context.close();
		}
	}

}
