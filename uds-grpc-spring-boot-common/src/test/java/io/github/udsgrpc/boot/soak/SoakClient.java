package io.github.udsgrpc.boot.soak;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.echo.EchoRequest;
import io.github.udsgrpc.testsupport.Calls;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * A soak client, a program of its own: {@code SoakClient MODE SOCKET FIRST REST THREADS GO-FILE}. It does FIRST
 * units of work, closes every channel it has, prints {@value #PHASE_ONE} with its counts, waits for the go-file,
 * does REST more units, closes its channels again, prints {@value #DONE} with its counts, and exits.
 *
 * <p>
 * In {@code cycles} mode a unit is a whole client life: a new grpc-java channel (hand-wired, plaintext, epoll domain
 * socket, on one event loop group the process shares), one unary call, {@code shutdown()} and a wait for the
 * channel to terminate. In {@code calls} mode a unit is one call on a long-lived channel (the threads share two),
 * every {@value #STREAM_EVERY}th a server-streaming call of {@value #STREAM_REPLIES} replies, the others unary.
 *
 * <p>
 * Every unit is checked (the echoed text, every streamed reply, the channel terminated in time); a unit that fails
 * is counted and its status tallied, and the first few failures are printed in full. Progress goes to stdout
 * every {@value #PROGRESS_SECONDS} s.
 */
public final class SoakClient {

	static final String PHASE_ONE = "SOAK-PHASE1";

	static final String DONE = "SOAK-DONE";

	static final String CYCLES = "cycles";

	static final String CALLS = "calls";

	/** In calls mode, every this many calls is a server-streaming one. */
	static final int STREAM_EVERY = 10;

	static final int STREAM_REPLIES = 5;

	private static final int LONG_LIVED_CHANNELS = 2;

	private static final long PROGRESS_SECONDS = 5;

	private static final long CALL_DEADLINE_SECONDS = 30;

	private static final long TERMINATION_SECONDS = 10;

	private static final int FAILURES_PRINTED = 5;

	private final String mode;

	private final Path socket;

	private final int threads;

	private final EventLoopGroup group;

	private final AtomicLong ok = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final Map<String, Long> failuresByStatus = new ConcurrentHashMap<>();

	private final AtomicLong printedFailures = new AtomicLong();

	private SoakClient(String mode, Path socket, int threads) {
		this.mode = mode;
		this.socket = socket;
		this.threads = threads;
		// Named after the soak, so that nothing mistakes these threads for the starter's (uds-grpc-N-M).
		this.group = new EpollEventLoopGroup(Math.min(threads, 2), new DefaultThreadFactory("soak-client", true));
	}

	public static void main(String[] args) throws Exception {
		String mode = args[0];
		if (!CYCLES.equals(mode) && !CALLS.equals(mode)) {
			throw new IllegalArgumentException("Mode must be " + CYCLES + " or " + CALLS + ", was " + mode);
		}
		Path socket = Path.of(args[1]);
		long first = Long.parseLong(args[2]);
		long rest = Long.parseLong(args[3]);
		int threads = Integer.parseInt(args[4]);
		Path go = Path.of(args[5]);
		SoakClient client = new SoakClient(mode, socket, threads);
		try {
			long millis = client.phase(first);
			System.out.println(client.counts(PHASE_ONE, millis));
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
			while (!Files.exists(go)) {
				if (System.nanoTime() - deadline > 0) {
					throw new IllegalStateException("No go-file " + go + " within 10 minutes");
				}
				Thread.sleep(20);
			}
			millis = client.phase(rest);
			System.out.println(client.counts(DONE, millis));
		}
		finally {
			client.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
		}
	}

	/**
	 * Does units of work on all threads, and closes every channel opened for them.
	 * @param units how many units
	 * @return how long it took, in milliseconds
	 */
	private long phase(long units) throws InterruptedException {
		long start = System.nanoTime();
		AtomicLong left = new AtomicLong(units);
		List<ManagedChannel> channels = new ArrayList<>();
		if (CALLS.equals(this.mode)) {
			for (int i = 0; i < LONG_LIVED_CHANNELS; i++) {
				channels.add(channel());
			}
		}
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < this.threads; i++) {
			int index = i;
			Runnable work = CYCLES.equals(this.mode) ? () -> cycles(left, index)
					: () -> calls(left, channels.get(index % channels.size()), index);
			Thread worker = new Thread(work, "soak-" + this.mode + "-" + i);
			worker.start();
			workers.add(worker);
		}
		Thread progress = new Thread(() -> progress(units, left), "soak-progress");
		progress.setDaemon(true);
		progress.start();
		for (Thread worker : workers) {
			worker.join();
		}
		progress.interrupt();
		for (ManagedChannel channel : channels) {
			shutDown(channel, "long-lived channel");
		}
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
	}

	/** Whole client lives: a channel, a call, the channel shut down and terminated. */
	private void cycles(AtomicLong left, int worker) {
		for (long unit = left.getAndDecrement(); unit > 0; unit = left.getAndDecrement()) {
			String text = "cycle-" + worker + "-" + unit;
			ManagedChannel channel = channel();
			boolean called = false;
			try {
				called = checkUnary(EchoGrpc.newBlockingStub(channel), text);
			}
			catch (RuntimeException ex) {
				failure(text, ex);
			}
			boolean terminated = shutDown(channel, text);
			if (called && terminated) {
				this.ok.incrementAndGet();
			}
		}
	}

	/** Calls on a long-lived channel, mostly unary, every {@value #STREAM_EVERY}th server-streaming. */
	private void calls(AtomicLong left, ManagedChannel channel, int worker) {
		EchoGrpc.EchoBlockingStub stub = EchoGrpc.newBlockingStub(channel);
		for (long unit = left.getAndDecrement(); unit > 0; unit = left.getAndDecrement()) {
			String text = "call-" + worker + "-" + unit;
			try {
				boolean good = (unit % STREAM_EVERY == 0) ? checkStream(stub, text) : checkUnary(stub, text);
				if (good) {
					this.ok.incrementAndGet();
				}
			}
			catch (RuntimeException ex) {
				failure(text, ex);
			}
		}
	}

	private boolean checkUnary(EchoGrpc.EchoBlockingStub stub, String text) {
		String reply = stub.withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS)
			.unary(Calls.request(text))
			.getText();
		return expect(text, text, reply);
	}

	private boolean checkStream(EchoGrpc.EchoBlockingStub stub, String text) {
		Iterator<EchoReply> replies = stub.withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS)
			.serverStream(EchoRequest.newBuilder().setText(text).setCount(STREAM_REPLIES).build());
		int count = 0;
		while (replies.hasNext()) {
			String reply = replies.next().getText();
			if (!expect(text, text + count, reply)) {
				// Drain the rest, so that the call ends and its stream is not left open.
				replies.forEachRemaining((ignored) -> {
				});
				return false;
			}
			count++;
		}
		return expect(text, STREAM_REPLIES + " replies", count + " replies");
	}

	private boolean expect(String unit, String expected, String actual) {
		if (expected.equals(actual)) {
			return true;
		}
		failure(unit, "WRONG_REPLY", "expected '" + expected + "', got '" + actual + "'");
		return false;
	}

	private boolean shutDown(ManagedChannel channel, String unit) {
		try {
			if (channel.shutdown().awaitTermination(TERMINATION_SECONDS, TimeUnit.SECONDS)) {
				return true;
			}
			failure(unit, "NOT_TERMINATED", "channel not terminated " + TERMINATION_SECONDS + " s after shutdown()");
			channel.shutdownNow();
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			failure(unit, ex);
			return false;
		}
	}

	/**
	 * A plaintext channel to the socket on the process's event loop group, as any grpc-java program would build it.
	 */
	private ManagedChannel channel() {
		return NettyChannelBuilder.forAddress(new DomainSocketAddress(this.socket.toString()))
			.channelType(EpollDomainSocketChannel.class)
			.eventLoopGroup(this.group)
			.usePlaintext()
			// grpc-java sets SO_KEEPALIVE, which a domain socket does not have: Netty would log a warning per
			// connection. null removes the option.
			.withOption(ChannelOption.SO_KEEPALIVE, null)
			.build();
	}

	private void failure(String unit, Throwable ex) {
		Status status = Status.fromThrowable(ex);
		failure(unit, status.getCode().toString(), String.valueOf(ex));
	}

	private void failure(String unit, String kind, String detail) {
		this.failed.incrementAndGet();
		this.failuresByStatus.merge(kind, 1L, Long::sum);
		if (this.printedFailures.incrementAndGet() <= FAILURES_PRINTED) {
			System.out.println("SOAK-FAILURE " + unit + ": " + detail);
		}
	}

	private void progress(long units, AtomicLong left) {
		try {
			while (true) {
				Thread.sleep(TimeUnit.SECONDS.toMillis(PROGRESS_SECONDS));
				System.out.println("SOAK-PROGRESS " + this.mode + " " + (units - Math.max(0, left.get())) + " of "
						+ units + " started, ok=" + this.ok.get() + " failed=" + this.failed.get());
			}
		}
		catch (InterruptedException ex) {
			// The phase is over.
		}
	}

	/** The CPU time this process used so far, in milliseconds. */
	private static long cpuMillis() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return TimeUnit.NANOSECONDS.toMillis(os.getProcessCpuTime());
		}
		return -1;
	}

	/**
	 * The counts so far, as the test parses them: {@code MARKER ok=N failed=M millis=T cpu=C {STATUS=count...}},
	 * with the units done and failed since the start, the phase's milliseconds, and the process's CPU milliseconds
	 * since it started.
	 */
	private String counts(String marker, long millis) {
		return marker + " ok=" + this.ok.get() + " failed=" + this.failed.get() + " millis=" + millis + " cpu="
				+ cpuMillis() + " " + new TreeMap<>(this.failuresByStatus);
	}

}
