package io.github.udsgrpc.boot.drain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoRequest;
import io.github.udsgrpc.testsupport.HandWiredChannel;

/**
 * A well-behaved client on a connection of its own that keeps making unary calls, each with a deadline, while
 * hostile peers do their worst: a test asserts that its calls went on succeeding and none failed.
 */
final class SteadyCaller implements AutoCloseable {

	private static final Duration DEADLINE = Duration.ofSeconds(5);

	/** The first call also connects and warms the JVMs up, which a machine shared with other builds slows down. */
	private static final Duration FIRST_CALL_DEADLINE = Duration.ofSeconds(30);

	private final HandWiredChannel channel;

	private final EchoGrpc.EchoBlockingStub stub;

	private final AtomicInteger ok = new AtomicInteger();

	private final Semaphore calls = new Semaphore(0);

	private final List<Throwable> failures = new CopyOnWriteArrayList<>();

	private final Thread thread;

	private volatile boolean running = true;

	private SteadyCaller(Path socket) {
		this.channel = new HandWiredChannel(socket);
		this.stub = EchoGrpc.newBlockingStub(this.channel.channel());
		this.thread = new Thread(this::loop, "steady-caller");
		this.thread.setDaemon(true);
	}

	/**
	 * Starts the calls once a first one succeeded from the caller's thread.
	 * @param socket the socket
	 * @return the running caller
	 */
	static SteadyCaller start(Path socket) {
		SteadyCaller caller = new SteadyCaller(socket);
		caller.call(-1, FIRST_CALL_DEADLINE);
		caller.thread.start();
		return caller;
	}

	private void loop() {
		int i = 0;
		while (this.running) {
			try {
				call(i++, DEADLINE);
				this.ok.incrementAndGet();
				this.calls.release();
			}
			catch (Throwable ex) {
				this.failures.add(ex);
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
		}
	}

	private void call(int i, Duration deadline) {
		String text = "steady-" + i;
		String reply = this.stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
			.unary(EchoRequest.newBuilder().setText(text).build())
			.getText();
		if (!reply.equals(text)) {
			throw new IllegalStateException("Wrong reply " + reply + " to " + text);
		}
	}

	/**
	 * Waits for this many more calls to succeed from now on.
	 * @param count the number of calls
	 * @param timeout how long at most
	 * @return whether they did
	 */
	boolean awaitMore(int count, Duration timeout) throws InterruptedException {
		this.calls.drainPermits();
		return this.calls.tryAcquire(count, timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	int ok() {
		return this.ok.get();
	}

	List<Throwable> failures() {
		return this.failures;
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(TimeUnit.SECONDS.toMillis(10));
		this.channel.close();
	}

}
