package io.github.udsgrpc.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.google.common.util.concurrent.ListenableFuture;
import io.github.udsgrpc.client.UdsChannels;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.echo.EchoRequest;
import io.github.udsgrpc.testsupport.PlainEchoService;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.github.udsgrpc.testsupport.ThreadEchoService;
import io.github.udsgrpc.testsupport.ThreadNames;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.udsgrpc.testsupport.Calls.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Non-blocking methods on the event loop and the others on an executor ({@link NonBlockingCallExecutorSupplier}),
 * through real servers and channels on one socket: a held blocking call does not stall a non-blocking one on the
 * same connection and the one event loop thread, each runs where it should, an executor a customizer sets runs
 * every call, and the cached pool a server makes is gone once it has terminated.
 */
class NonBlockingCallExecutorSupplierTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String EVENT_LOOP = "uds-grpc-\\d+-\\d+";

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private final Path socket = this.dir.socket("nb.sock");

	private final ThreadEchoService service = new ThreadEchoService();

	private final UdsEventLoops loops = new UdsEventLoops(1);

	private final List<UdsServer> servers = new ArrayList<>();

	private final List<ManagedChannel> channels = new ArrayList<>();

	@AfterEach
	void closeEverything() throws InterruptedException {
		this.service.release();
		for (ManagedChannel channel : this.channels) {
			channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}
		for (UdsServer server : this.servers) {
			server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}
		this.loops.close();
	}

	@Test
	void aHeldBlockingCallDoesNotStallANonBlockingOneOnTheSameConnectionAndEventLoopThread() throws Exception {
		ExecutorService executor = CallExecutor.CACHED.create();
		try {
			start(UdsServer.builder()
				.nonBlocking(NonBlockingMethods.of("udsgrpc.test.Echo/ServerStream"))
				.callExecutor(executor));
			ManagedChannel channel = channel();

			ListenableFuture<EchoReply> held = EchoGrpc.newFutureStub(channel).unary(request(PlainEchoService.HOLD));
			awaitHeld(1);
			long started = System.nanoTime();
			String nonBlocking = serverStreamThread(channel);
			long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
			String blocking = EchoGrpc.newBlockingStub(channel)
				.withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS)
				.unary(request(PlainEchoService.THREAD))
				.getText();
			System.out.printf("[overload] non-blocking call beside a held one: %d us on %s; blocking ran on %s%n",
					micros, nonBlocking, blocking);

			assertThat(held.isDone()).as("the held call is still held").isFalse();
			assertThat(this.service.heldCalls()).isOne();
			assertThat(nonBlocking).as("the non-blocking method ran on the one event loop thread")
				.matches(EVENT_LOOP)
				.isEqualTo(threadOf(this.loops));
			assertThat(blocking).startsWith("uds-grpc-calls-cached-");
			this.service.release();
			assertThat(held.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).getText()).isEqualTo(PlainEchoService.HOLD);
		}
		finally {
			CallExecutor.shutdown(executor);
		}
	}

	@Test
	void withEveryMethodOnTheExecutorABlockingCallRunsThereToo() throws Exception {
		ExecutorService executor = CallExecutor.FORK_JOIN.create();
		try {
			start(UdsServer.builder().callExecutor(executor));
			ManagedChannel channel = channel();
			assertThat(serverStreamThread(channel)).startsWith("uds-grpc-calls-fork-join-");
			assertThat(unaryThread(channel)).startsWith("uds-grpc-calls-fork-join-");
		}
		finally {
			CallExecutor.shutdown(executor);
		}
	}

	@Test
	void methodsMarkedOnTheServiceClassRunOnTheEventLoop() throws Exception {
		start(UdsServer.builder(), new StreamNonBlocking());
		ManagedChannel channel = channel();
		assertThat(serverStreamThread(channel)).matches(EVENT_LOOP);
		assertThat(unaryThread(channel)).as("the server's own cached pool").startsWith("uds-grpc-calls-cached-");
	}

	@Test
	void everyMethodNonBlockingRunsAllOnTheEventLoop() throws Exception {
		ExecutorService executor = CallExecutor.CACHED.create();
		try {
			start(UdsServer.builder().nonBlocking(NonBlockingMethods.everyMethod()).callExecutor(executor));
			ManagedChannel channel = channel();
			assertThat(serverStreamThread(channel)).matches(EVENT_LOOP);
			assertThat(unaryThread(channel)).matches(EVENT_LOOP);
		}
		finally {
			CallExecutor.shutdown(executor);
		}
	}

	@Test
	void nothingChosenLeavesGrpcJavasDefaultExecutor() throws Exception {
		start(UdsServer.builder());
		ManagedChannel channel = channel();
		assertThat(serverStreamThread(channel)).startsWith("grpc-default-executor");
		assertThat(unaryThread(channel)).startsWith("grpc-default-executor");
	}

	@Test
	void anExecutorACustomizerSetsRunsEveryCall() throws Exception {
		ExecutorService own = Executors.newCachedThreadPool(ThreadNames.numbered("own"));
		try {
			start(UdsServer.builder()
				.nonBlocking(NonBlockingMethods.of("udsgrpc.test.Echo/ServerStream"))
				.customizer((builder, listener) -> builder.executor(own)));
			ManagedChannel channel = channel();
			assertThat(serverStreamThread(channel)).startsWith("own-");
			assertThat(unaryThread(channel)).startsWith("own-");
		}
		finally {
			own.shutdownNow();
		}
	}

	@Test
	void aNameThatMatchesNoMethodFailsTheBuild() {
		assertThatExceptionOfType(UnknownNonBlockingMethodException.class)
			.isThrownBy(() -> UdsServer.builder()
				.listenUnixSocket(this.socket)
				.eventLoops(this.loops)
				.addService(this.service)
				.nonBlocking(NonBlockingMethods.of("udsgrpc.test.Echo/Stream"))
				.build())
			.withMessageContaining("'udsgrpc.test.Echo/Stream'")
			.withMessageContaining("udsgrpc.test.Echo/ServerStream");
	}

	@Test
	void theCachedPoolAServerMadeIsGoneOnceItHasTerminated() throws Exception {
		UdsServer server = start(UdsServer.builder().nonBlocking(NonBlockingMethods.of("udsgrpc.test.Echo/Bidi")));
		ManagedChannel channel = channel();
		assertThat(unaryThread(channel)).startsWith("uds-grpc-calls-cached-");
		assertThat(ThreadNames.alive("uds-grpc-calls-cached-")).isNotEmpty();

		server.shutdown().awaitTermination(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(ThreadNames.awaitNoneAlive("uds-grpc-calls-cached-", WAIT)).as("threads of the server's pool left")
			.isEmpty();
	}

	private UdsServer start(UdsServer.Builder builder) throws Exception {
		return start(builder, this.service);
	}

	private UdsServer start(UdsServer.Builder builder, ThreadEchoService service) throws Exception {
		UdsServer server = builder.listenUnixSocket(this.socket).eventLoops(this.loops).addService(service).build();
		this.servers.add(server);
		server.start();
		return server;
	}

	private ManagedChannel channel() {
		ManagedChannel channel = UdsChannels.using(this.loops).channelBuilder("unix:" + this.socket).build();
		this.channels.add(channel);
		return channel;
	}

	private static String serverStreamThread(ManagedChannel channel) {
		Iterator<EchoReply> replies = EchoGrpc.newBlockingStub(channel)
			.withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS)
			.serverStream(request("x"));
		return replies.next().getText();
	}

	private static String unaryThread(ManagedChannel channel) {
		return EchoGrpc.newBlockingStub(channel)
			.withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS)
			.unary(request(PlainEchoService.THREAD))
			.getText();
	}

	private void awaitHeld(int calls) throws InterruptedException {
		assertThat(this.service.awaitHeldCalls(calls, WAIT)).as("calls held").isEqualTo(calls);
	}

	private static String threadOf(UdsEventLoops loops) throws Exception {
		return loops.group().submit(() -> Thread.currentThread().getName()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
	}

	/** Marks its server-streaming method non-blocking. */
	static class StreamNonBlocking extends ThreadEchoService {

		@Override
		@NonBlocking
		public void serverStream(EchoRequest request, StreamObserver<EchoReply> responseObserver) {
			super.serverStream(request, responseObserver);
		}

	}

}
