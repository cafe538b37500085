package io.github.udsgrpc.boot.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import io.github.udsgrpc.boot.process.BootLine;
import io.github.udsgrpc.boot.load.ServerProbe.CallTracker;
import io.github.udsgrpc.boot.load.ServerProbe.FollowedCall;
import io.github.udsgrpc.boot.load.ServerProbe.TransportCounter;
import io.github.udsgrpc.boot.testsupport.EchoStubs;
import io.github.udsgrpc.testsupport.PlainEchoService;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.echo.EchoRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that goes away in the middle of a long server stream leaves the server healthy: the server notices at
 * once (the call's context is cancelled), the service method returns, the connection is released, and other
 * clients' calls, and new server streams, succeed before, during and after.
 *
 * <p>
 * About the stream's length: grpc-java's onNext never blocks on flow control (it queues), and a server-streaming
 * method runs inside the call's serialized listener, so the onCancel that would make onNext throw cannot be
 * delivered until the method returns. PlainEchoService.serverStream therefore checks its call's context, which is
 * cancelled at once. {@value #COUNT} messages keep the server streaming well past the cut; the test bounds the
 * method's return at 30 s.
 */
public abstract class ClientsVanishingMidStreamDoNotDisturbServerTests extends LoadTestServer {

	protected ClientsVanishingMidStreamDoNotDisturbServerTests(BootLine line) {
		super(line);
	}

	static final int COUNT = 200_000;

	/** How many messages the vanishing client reads before it goes. */
	private static final int READ_BEFORE_CUT = 10;

	@Test
	void clientChannelShutDownNowMidStream() throws Exception {
		// grpc-java cancels the call (RST_STREAM), then sends GOAWAY and closes the connection.
		vanishMidStream("shutdown-now", (channel, group) -> channel.shutdownNow());
	}

	@Test
	void clientConnectionDroppedMidStream() throws Exception {
		// The client's file descriptor is closed under grpc-java, as the kernel closes it when the client's process
		// dies: no RST_STREAM, no GOAWAY, the server just sees the connection end. (Killing the client's event loop
		// group, as this scenario first did, closes the descriptor only when Netty's loop gets to it: on Netty 4.2
		// under load that took longer than the test waits.) Expected in the log: the server's NettyServerHandler
		// WARN "Stream Error: Stream closed before write could take place" for the messages still queued for the
		// vanished client.
		vanishMidStream("connection-dropped", (channel, connections) -> connections.forEach(LoadClients::drop));
	}

	private void vanishMidStream(String name, BiConsumer<ManagedChannel, List<Channel>> cut) throws Exception {
		EchoStubs clients = stubs();
		TransportCounter transports = context.getBean(TransportCounter.class);
		CallTracker calls = context.getBean(CallTracker.class);
		String text = "vanish-" + name + "-";
		FollowedCall followed = calls.follow(text);
		EventLoopGroup group = LoadClients.eventLoopGroup("vanishing-client", 1);
		List<Channel> connections = new CopyOnWriteArrayList<>();
		ManagedChannel channel = LoadClients.channel(this.socket, group, connections::add);
		try (SteadyClient steady = new SteadyClient(name, clients.blocking()).start()) {
			assertThat(steady.awaitMoreRounds(3, Duration.ofSeconds(10))).as("rounds before").isTrue();
			int terminatedBefore = transports.terminatedReady();

			AtomicLong received = new AtomicLong();
			CountDownLatch firstMessages = new CountDownLatch(READ_BEFORE_CUT);
			CompletableFuture<Status> clientEnd = new CompletableFuture<>();
			EchoGrpc.newStub(channel).serverStream(EchoRequest.newBuilder().setText(text).setCount(COUNT).build(),
					new StreamObserver<>() {

						@Override
						public void onNext(EchoReply value) {
							received.incrementAndGet();
							firstMessages.countDown();
						}

						@Override
						public void onError(Throwable t) {
							clientEnd.complete(Status.fromThrowable(t));
						}

						@Override
						public void onCompleted() {
							clientEnd.complete(Status.OK);
						}
					});
			assertThat(firstMessages.await(10, TimeUnit.SECONDS)).as("first messages of the long stream").isTrue();
			long sentAtCut = followed.sent.get();
			long receivedAtCut = received.get();
			long cutAt = System.nanoTime();

			cut.accept(channel, connections);

			assertThat(followed.contextCancelled.await(10, TimeUnit.SECONDS)).as("server noticed: context cancelled")
				.isTrue();
			long noticedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutAt);
			// During: the steady client goes on while the server's service method is (still) looping.
			steady.round(3_000);
			assertThat(followed.handlerReturned.await(30, TimeUnit.SECONDS)).as("service method returned").isTrue();
			long returnedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutAt);
			assertThat(followed.ended.await(10, TimeUnit.SECONDS)).as("server call ended").isTrue();
			assertThat(followed.cancelledOnServer).as("server call ended cancelled, not completed").isTrue();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(transports.terminatedReady())
					.as("vanished client's transport terminated")
					.isEqualTo(terminatedBefore + 1));
			System.out.printf("[load] %s: client read %d before the cut (%d in all, ended %s); server had sent "
					+ "%d at the cut, %d in all of %d; context cancelled after %d ms, service method returned after "
					+ "%d ms; %s%n", name, receivedAtCut, received.get(), describe(clientEnd.getNow(null)), sentAtCut,
					followed.sent.get(), COUNT, noticedMillis, returnedMillis, transports);
			System.out.printf("[load] %s: server had sent %d when the call's context was cancelled%n", name,
					followed.sentAtContextCancel);
			assertThat(followed.sentAtContextCancel).as("server was mid-stream when it noticed")
				.isBetween(0L, COUNT - 1L);
			assertThat(followed.sent.get()).as("messages the service sent in all").isLessThanOrEqualTo(COUNT);
			assertThat(receivedAtCut).as("messages the client read before the cut").isLessThan(COUNT);
			assertThat(received.get()).as("messages the client read in all").isLessThan(COUNT);

			// After: the server is healthy. Other clients' calls succeed, and a new 10-message stream completes on
			// the injected stub's connection and on a new connection.
			assertThat(steady.awaitMoreRounds(5, Duration.ofSeconds(10))).as("rounds after").isTrue();
			assertThat(tenMessages(clients.blocking(), name + "-injected")).hasSize(10);
			EventLoopGroup freshGroup = LoadClients.eventLoopGroup("fresh-client", 1);
			ManagedChannel fresh = LoadClients.channel(socket, freshGroup);
			try {
				assertThat(tenMessages(EchoGrpc.newBlockingStub(fresh), name + "-fresh")).hasSize(10);
			}
			finally {
				LoadClients.shutDown(fresh);
				LoadClients.shutDown(freshGroup);
			}
			assertThat(steady.failures()).as("failures of the well-behaved client").isEmpty();
			steady.close();
			// No thread is left in the service method, neither the vanished client's call nor any other.
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(threadsInServerStream()).as("threads in PlainEchoService.serverStream")
					.isEmpty());
		}
		finally {
			long start = System.nanoTime();
			channel.shutdownNow();
			boolean terminated = channel.awaitTermination(5, TimeUnit.SECONDS);
			LoadClients.shutDown(group);
			System.out.printf("[load] %s: vanished client's channel terminated: %s (%d ms)%n", name, terminated,
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
		}
	}

	private static List<String> threadsInServerStream() {
		List<String> threads = new ArrayList<>();
		Thread.getAllStackTraces().forEach((thread, stack) -> {
			for (StackTraceElement frame : stack) {
				if (frame.getClassName().equals(PlainEchoService.class.getName())
						&& frame.getMethodName().equals("serverStream")) {
					threads.add(thread.getName());
					return;
				}
			}
		});
		return threads;
	}

	private static String describe(Status status) {
		return (status != null) ? status.getCode() + " " + status.getDescription()
				+ ((status.getCause() != null) ? " (" + status.getCause() + ")" : "") : "not yet";
	}

	private static List<String> tenMessages(EchoGrpc.EchoBlockingStub stub, String text) {
		List<String> texts = new ArrayList<>();
		stub.withDeadlineAfter(5, TimeUnit.SECONDS)
			.serverStream(EchoRequest.newBuilder().setText(text).setCount(10).build())
			.forEachRemaining((reply) -> texts.add(reply.getText()));
		assertThat(texts).first().isEqualTo(text + "0");
		return texts;
	}

}
