package io.github.udsgrpc.boot.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.echo.EchoRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A well-behaved client that keeps calling while something else happens: a unary call and a server stream of
 * {@value #STREAM_LENGTH} messages per round, each with a deadline, on a background thread. It records every
 * failure; a test asserts there were none, and that rounds went on succeeding during and after the disturbance.
 */
public final class SteadyClient implements AutoCloseable {

	static final int STREAM_LENGTH = 5;

	private static final Duration DEADLINE = Duration.ofSeconds(5);

	/** The first round also connects and warms the JVMs up, which a machine shared with other builds slows down. */
	private static final Duration FIRST_ROUND_DEADLINE = Duration.ofSeconds(30);

	private AutoCloseable ownChannel;

	private final EchoGrpc.EchoBlockingStub stub;

	private final String name;

	private final AtomicInteger rounds = new AtomicInteger();

	private final Semaphore roundsDone = new Semaphore(0);

	private final List<Throwable> failures = new CopyOnWriteArrayList<>();

	private final Thread thread;

	private volatile boolean running = true;

	/**
	 * A steady client on a hand-wired connection of its own to a socket, closed with it.
	 * @param name the client's name, in its texts
	 * @param socket the socket
	 * @return the started client
	 */
	public static SteadyClient startOn(String name, Path socket) {
		HandWiredChannel channel = new HandWiredChannel(socket);
		SteadyClient client = new SteadyClient(name, EchoGrpc.newBlockingStub(channel.channel()));
		client.ownChannel = channel;
		try {
			return client.start();
		}
		catch (RuntimeException ex) {
			try {
				channel.close();
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
			throw ex;
		}
	}

	SteadyClient(String name, EchoGrpc.EchoBlockingStub stub) {
		this.name = name;
		this.stub = stub;
		this.thread = new Thread(this::loop, "steady-client-" + name);
		this.thread.setDaemon(true);
	}

	/**
	 * Starts the background rounds once one round succeeded from the caller's thread.
	 * @return this client
	 */
	SteadyClient start() {
		round(-1, FIRST_ROUND_DEADLINE);
		this.thread.start();
		return this;
	}

	private void loop() {
		int i = 0;
		while (this.running) {
			try {
				round(i++);
				this.rounds.incrementAndGet();
				this.roundsDone.release();
			}
			catch (Throwable ex) {
				this.failures.add(ex);
			}
			// Pacing only, so that the steady client does not starve the disturbance on 2 cores.
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
		}
	}

	/**
	 * One round from the caller's thread, asserting the replies.
	 * @param i the round's number, in the texts
	 */
	void round(int i) {
		round(i, DEADLINE);
	}

	private void round(int i, Duration firstDeadline) {
		String text = this.name + "-" + i;
		EchoReply reply = this.stub.withDeadlineAfter(firstDeadline.toMillis(), TimeUnit.MILLISECONDS)
			.unary(Calls.request(text));
		assertThat(reply.getText()).isEqualTo(text);
		Iterator<EchoReply> stream = this.stub.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
			.serverStream(EchoRequest.newBuilder().setText(text + "/").setCount(STREAM_LENGTH).build());
		List<String> texts = new ArrayList<>();
		stream.forEachRemaining((message) -> texts.add(message.getText()));
		assertThat(texts).hasSize(STREAM_LENGTH).first().isEqualTo(text + "/0");
	}

	/**
	 * Waits for this many more background rounds to succeed from now on.
	 * @param count the number of rounds
	 * @param timeout how long at most
	 * @return whether they did
	 */
	public boolean awaitMoreRounds(int count, Duration timeout) throws InterruptedException {
		this.roundsDone.drainPermits();
		return this.roundsDone.tryAcquire(count, timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	public int rounds() {
		return this.rounds.get();
	}

	public List<Throwable> failures() {
		return this.failures;
	}

	@Override
	public void close() throws Exception {
		this.running = false;
		this.thread.join(TimeUnit.SECONDS.toMillis(10));
		if (this.ownChannel != null) {
			this.ownChannel.close();
		}
	}

}
