package io.github.udsgrpc.boot.drain;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.echo.EchoRequest;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * A client program that keeps a server busy while the server is stopped: threads of unary calls in a loop; long
 * client-streaming and bidi calls that send a message every {@value #MESSAGE_INTERVAL_MILLIS} ms for 2 to 4 s, so
 * that some are always in flight; and server-streaming calls that a small flow-control window and a slow reader keep
 * open for about 2 s. Plain grpc-java, wired by hand, on three connections.
 *
 * <p>
 * Arguments: the socket path, the file to write the calls to, and a file whose appearance stops the program. It
 * prints {@value #WARMED_UP} once calls of every kind have completed, and {@value #DONE} after writing the calls,
 * one line each (see {@link CallRecord}). Every failed call is classified from the client's side:
 * {@link Outcome#REFUSED} if it never reached a server, {@link Outcome#LOST} otherwise (see {@link #classify}).
 */
public final class DrainLoadClient {

	/** Printed once calls of every kind have completed. */
	public static final String WARMED_UP = "DrainLoadClient: warmed up";

	/** Printed once the calls are written. */
	public static final String DONE = "DrainLoadClient: done";

	static final int UNARY_THREADS = 4;

	/** Half of them client-streaming, half bidi. */
	static final int LONG_CALL_THREADS = 6;

	static final int SERVER_STREAM_THREADS = 2;

	static final long MESSAGE_INTERVAL_MILLIS = 100;

	/** A long call sends 20 to 40 messages, so it lasts 2 to 4 s. */
	static final int LONG_CALL_MIN_MESSAGES = 20;

	static final int LONG_CALL_MAX_MESSAGES = 40;

	static final int SERVER_STREAM_LENGTH = 200;

	/** With a 64 KiB window, the server can be at most ~30 replies ahead of the reader. */
	static final int SERVER_STREAM_TEXT_LENGTH = 2000;

	static final long SERVER_STREAM_READ_INTERVAL_MILLIS = 10;

	private static final long DEADLINE_SECONDS = 30;

	private static final long PAUSE_AFTER_FAILURE_MILLIS = 50;

	private final Queue<CallRecord> records = new ConcurrentLinkedQueue<>();

	private final AtomicInteger unaryOk = new AtomicInteger();

	private final AtomicInteger longOk = new AtomicInteger();

	private final AtomicInteger serverStreamOk = new AtomicInteger();

	private final List<Throwable> crashes = new CopyOnWriteArrayList<>();

	private volatile boolean running = true;

	private final EchoGrpc.EchoBlockingStub unaryStub;

	private final EchoGrpc.EchoStub longStub;

	private final EchoGrpc.EchoBlockingStub serverStreamStub;

	private DrainLoadClient(Channel unary, Channel longCalls, Channel serverStreams) {
		this.unaryStub = EchoGrpc.newBlockingStub(unary);
		this.longStub = EchoGrpc.newStub(longCalls);
		this.serverStreamStub = EchoGrpc.newBlockingStub(serverStreams);
	}

	public static void main(String[] args) throws Exception {
		Path socket = Path.of(args[0]);
		Path results = Path.of(args[1]);
		Path stopFile = Path.of(args[2]);
		EventLoopGroup group = new EpollEventLoopGroup(2, new DefaultThreadFactory("drain-client", true));
		ManagedChannel unary = channel(socket, group).build();
		ManagedChannel longCalls = channel(socket, group).build();
		ManagedChannel serverStreams = channel(socket, group).flowControlWindow(64 * 1024).build();
		DrainLoadClient client = new DrainLoadClient(unary, longCalls, serverStreams);
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < UNARY_THREADS; i++) {
			int thread = i;
			threads.add(new Thread(() -> client.loop(() -> client.unaryCall(thread)), "unary-" + i));
		}
		for (int i = 0; i < LONG_CALL_THREADS; i++) {
			int thread = i;
			Random random = new Random(thread);
			threads.add(new Thread(() -> client.loop(() -> client.longCall(thread, random)), "long-" + i));
		}
		for (int i = 0; i < SERVER_STREAM_THREADS; i++) {
			int thread = i;
			threads.add(new Thread(() -> client.loop(() -> client.serverStreamCall(thread)), "server-stream-" + i));
		}
		threads.forEach(Thread::start);
		long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		boolean warmedUp = false;
		while (!Files.exists(stopFile)) {
			if (!warmedUp && client.unaryOk.get() >= 200 && client.longOk.get() >= LONG_CALL_THREADS
					&& client.serverStreamOk.get() >= SERVER_STREAM_THREADS) {
				warmedUp = true;
				System.out.println(WARMED_UP);
			}
			if (System.nanoTime() - giveUp >= 0) {
				System.out.println("DrainLoadClient: no stop file after 5 minutes");
				System.exit(2);
			}
			Thread.sleep(20);
		}
		client.running = false;
		for (Thread thread : threads) {
			thread.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS + 10));
		}
		List<String> lines = new ArrayList<>();
		client.records.forEach((record) -> lines.add(record.toLine()));
		Path written = results.resolveSibling(results.getFileName() + ".tmp");
		Files.write(written, lines, StandardCharsets.UTF_8);
		Files.move(written, results, StandardCopyOption.ATOMIC_MOVE);
		client.crashes.forEach((crash) -> crash.printStackTrace(System.out));
		Map<Outcome, Long> outcomes = client.records.stream()
			.collect(Collectors.groupingBy(CallRecord::outcome, () -> new EnumMap<>(Outcome.class),
					Collectors.counting()));
		System.out.println(DONE + ": " + lines.size() + " calls " + outcomes + ", " + client.crashes.size() + " crashes");
		for (ManagedChannel channel : List.of(unary, longCalls, serverStreams)) {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
		group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
		System.exit(client.crashes.isEmpty() ? 0 : 3);
	}

	private static NettyChannelBuilder channel(Path socket, EventLoopGroup group) {
		return NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
			.channelType(EpollDomainSocketChannel.class)
			.eventLoopGroup(group)
			.usePlaintext()
			.withOption(ChannelOption.SO_KEEPALIVE, null);
	}

	private void loop(Runnable call) {
		try {
			while (this.running) {
				call.run();
			}
		}
		catch (Throwable ex) {
			this.crashes.add(ex);
		}
	}

	private void unaryCall(int thread) {
		Seen seen = new Seen();
		String text = "u" + thread + "-" + seen.start;
		try {
			EchoReply reply = this.unaryStub.withInterceptors(seen)
				.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
				.unary(request(text));
			if (reply.getText().equals(text)) {
				this.unaryOk.incrementAndGet();
				record(Kind.UNARY, seen, null);
			}
			else {
				record(Kind.UNARY, seen, "wrong reply: " + reply.getText());
			}
		}
		catch (RuntimeException ex) {
			record(Kind.UNARY, seen, ex);
		}
	}

	/**
	 * A client-streaming or bidi call that sends a message every {@value #MESSAGE_INTERVAL_MILLIS} ms.
	 */
	private void longCall(int thread, Random random) {
		int messages = LONG_CALL_MIN_MESSAGES + random.nextInt(LONG_CALL_MAX_MESSAGES - LONG_CALL_MIN_MESSAGES + 1);
		Seen seen = new Seen();
		String prefix = "l" + thread + "-" + seen.start + "-";
		boolean bidi = thread % 2 == 1;
		Kind kind = bidi ? Kind.BIDI : Kind.CLIENT_STREAM;
		CompletableFuture<Void> done = new CompletableFuture<>();
		List<String> replies = new CopyOnWriteArrayList<>();
		StreamObserver<EchoReply> responses = new StreamObserver<>() {

			@Override
			public void onNext(EchoReply reply) {
				replies.add(reply.getText());
			}

			@Override
			public void onError(Throwable error) {
				done.completeExceptionally(error);
			}

			@Override
			public void onCompleted() {
				done.complete(null);
			}
		};
		EchoGrpc.EchoStub stub = this.longStub.withInterceptors(seen).withDeadlineAfter(DEADLINE_SECONDS,
				TimeUnit.SECONDS);
		StreamObserver<EchoRequest> requests = bidi ? stub.bidi(responses) : stub.clientStream(responses);
		List<String> sent = new ArrayList<>();
		for (int i = 0; i < messages && !done.isDone(); i++) {
			String text = prefix + i + ";";
			requests.onNext(request(text));
			sent.add(text);
			sleep(MESSAGE_INTERVAL_MILLIS);
		}
		requests.onCompleted();
		try {
			done.get(DEADLINE_SECONDS + 5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			record(kind, seen, (ex.getCause() != null) ? ex.getCause() : ex);
			return;
		}
		List<String> expected = bidi ? sent.stream().map(String::toUpperCase).toList() : List.of(String.join("", sent));
		if (replies.equals(expected)) {
			this.longOk.incrementAndGet();
			record(kind, seen, null);
		}
		else {
			record(kind, seen, "wrong replies: " + replies.size() + " of " + expected.size() + " expected");
		}
	}

	/**
	 * A server stream of {@value #SERVER_STREAM_LENGTH} replies of ~{@value #SERVER_STREAM_TEXT_LENGTH} characters,
	 * read slowly.
	 */
	private void serverStreamCall(int thread) {
		Seen seen = new Seen();
		String text = "s" + thread + "-" + seen.start + "-" + "x".repeat(SERVER_STREAM_TEXT_LENGTH) + "/";
		try {
			Iterator<EchoReply> replies = this.serverStreamStub.withInterceptors(seen)
				.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
				.serverStream(EchoRequest.newBuilder().setText(text).setCount(SERVER_STREAM_LENGTH).build());
			int count = 0;
			while (replies.hasNext()) {
				String reply = replies.next().getText();
				if (!reply.equals(text + count)) {
					record(Kind.SERVER_STREAM, seen, "wrong reply " + count);
					return;
				}
				count++;
				sleep(SERVER_STREAM_READ_INTERVAL_MILLIS);
			}
			if (count == SERVER_STREAM_LENGTH) {
				this.serverStreamOk.incrementAndGet();
				record(Kind.SERVER_STREAM, seen, null);
			}
			else {
				record(Kind.SERVER_STREAM, seen, "only " + count + " replies");
			}
		}
		catch (RuntimeException ex) {
			record(Kind.SERVER_STREAM, seen, ex);
		}
	}

	private void record(Kind kind, Seen seen, Object failure) {
		long end = System.currentTimeMillis();
		if (failure == null) {
			this.records.add(new CallRecord(kind, seen.start, end, Outcome.OK, seen.messages.get(), ""));
			return;
		}
		if (failure instanceof Throwable error) {
			Outcome outcome = classify(error, seen);
			Status status = Status.fromThrowable(error);
			this.records.add(new CallRecord(kind, seen.start, end, outcome, seen.messages.get(),
					status.getCode() + " " + status.getDescription() + causes(status.getCause())));
		}
		else {
			this.records
				.add(new CallRecord(kind, seen.start, end, Outcome.LOST, seen.messages.get(), failure.toString()));
		}
		sleep(PAUSE_AFTER_FAILURE_MILLIS);
	}

	/**
	 * Whether a failed call reached a server. It did not ({@link Outcome#REFUSED}) only if it failed with
	 * UNAVAILABLE, the client got nothing back for it (neither headers nor a message), and the status says that no
	 * stream was ever accepted for it: the connect failed (the socket file is gone, or nothing listens), or the
	 * server refused the stream (REFUSED_STREAM, or a GOAWAY whose last stream id is below the stream's). grpc-java
	 * retries a call transparently only while none of its streams was processed, so a call whose last attempt
	 * failed to connect never had a stream on a server. Any other failure counts as {@link Outcome#LOST}.
	 * @param error the call's failure
	 * @param seen what the client got back for the call
	 * @return the outcome
	 */
	static Outcome classify(Throwable error, Seen seen) {
		Status status = Status.fromThrowable(error);
		if (status.getCode() != Status.Code.UNAVAILABLE || seen.headers || seen.messages.get() > 0) {
			return Outcome.LOST;
		}
		for (Throwable cause = status.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof FileNotFoundException
					|| cause instanceof NoRouteToHostException) {
				return Outcome.REFUSED;
			}
		}
		String description = String.valueOf(status.getDescription());
		if (description.startsWith("Abrupt GOAWAY closed unsent stream") || description.contains("REFUSED_STREAM")) {
			return Outcome.REFUSED;
		}
		return Outcome.LOST;
	}

	private static String causes(Throwable cause) {
		StringBuilder chain = new StringBuilder();
		for (Throwable next = cause; next != null; next = next.getCause()) {
			chain.append(" <- ").append(next.getClass().getName()).append(": ").append(next.getMessage());
		}
		return chain.toString();
	}

	private static EchoRequest request(String text) {
		return EchoRequest.newBuilder().setText(text).build();
	}

	private static void sleep(long millis) {
		LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
	}

	/** The kinds of call. */
	enum Kind {

		UNARY, SERVER_STREAM, CLIENT_STREAM, BIDI;

		boolean isLong() {
			return this == CLIENT_STREAM || this == BIDI;
		}

	}

	/** How a call ended. */
	enum Outcome {

		/** It completed with the right replies. */
		OK,

		/** It never reached a server. */
		REFUSED,

		/** It reached a server and failed, or got a wrong reply. */
		LOST

	}

	/**
	 * One call: its kind, when it started and ended (wall clock, ms), its outcome, the replies the client got and the
	 * failure, as one tab-separated line.
	 */
	record CallRecord(Kind kind, long startMillis, long endMillis, Outcome outcome, int messagesReceived,
			String detail) {

		String toLine() {
			return this.kind + "\t" + this.startMillis + "\t" + this.endMillis + "\t" + this.outcome + "\t"
					+ this.messagesReceived + "\t" + this.detail.replaceAll("[\t\r\n]+", " ");
		}

		static CallRecord parse(String line) {
			String[] fields = line.split("\t", 6);
			return new CallRecord(Kind.valueOf(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]),
					Outcome.valueOf(fields[3]), Integer.parseInt(fields[4]), (fields.length > 5) ? fields[5] : "");
		}

		static List<CallRecord> read(Path file) throws IOException {
			return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(CallRecord::parse).toList();
		}

		boolean inFlightAt(long millis) {
			return this.startMillis < millis && this.endMillis > millis;
		}

	}

	/**
	 * What the client got back for one call (its response headers and messages), recorded by an interceptor.
	 */
	static final class Seen implements ClientInterceptor {

		final long start = System.currentTimeMillis();

		final AtomicInteger messages = new AtomicInteger();

		volatile boolean headers;

		@Override
		public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions callOptions,
				Channel next) {
			return new SimpleForwardingClientCall<>(next.newCall(method, callOptions)) {

				@Override
				public void start(Listener<R> listener, Metadata requestHeaders) {
					super.start(new SimpleForwardingClientCallListener<>(listener) {

						@Override
						public void onHeaders(Metadata responseHeaders) {
							Seen.this.headers = true;
							super.onHeaders(responseHeaders);
						}

						@Override
						public void onMessage(R message) {
							Seen.this.messages.incrementAndGet();
							super.onMessage(message);
						}
					}, requestHeaders);
				}
			};
		}

	}

}
