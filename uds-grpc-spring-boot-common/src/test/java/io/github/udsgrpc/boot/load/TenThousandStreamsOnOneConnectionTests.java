package io.github.udsgrpc.boot.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.udsgrpc.boot.process.BootLine;
import io.github.udsgrpc.boot.load.ServerProbe.CallTracker;
import io.github.udsgrpc.boot.load.ServerProbe.TransportCounter;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.boot.testsupport.EchoStubs;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.echo.EchoRequest;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One connection carries 10,000 streams open at the same time: through the starter's injected async stub (one
 * channel, one connection), 10,000 bidi calls each send one message and get its echo, all 10,000 open at once on
 * client and server, none completed; then all are half-closed and all complete with OK.
 *
 * <p>
 * Limits that apply, none of them reached: grpc-java's server allows Integer.MAX_VALUE concurrent calls per connection
 * (NettyServerBuilder.maxConcurrentCallsPerConnection, which net.devh and the starter leave alone) and advertises that
 * as SETTINGS_MAX_CONCURRENT_STREAMS; the client opens streams up to the server's limit and would queue the rest.
 * 10,000 client-initiated streams use stream ids up to 19,999, far below 2^31. Each stream's flow-control window
 * (1 MiB by default) is only a counter, nothing is allocated for it.
 */
public abstract class TenThousandStreamsOnOneConnectionTests extends LoadTestServer {

	protected TenThousandStreamsOnOneConnectionTests(BootLine line) {
		super(line);
	}

	private static final int STREAMS = 10_000;

	@Test
	void tenThousandBidiStreamsAreOpenAtOnceOnOneConnection() throws Exception {
		EchoStubs clients = stubs();
		CallTracker calls = context.getBean(CallTracker.class);
		TransportCounter transports = context.getBean(TransportCounter.class);
		CountDownLatch firstReplies = new CountDownLatch(STREAMS);
		CountDownLatch ended = new CountDownLatch(STREAMS);
		AtomicInteger completed = new AtomicInteger();
		AtomicInteger wrongReplies = new AtomicInteger();
		Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
		List<StreamObserver<EchoRequest>> requests = new ArrayList<>(STREAMS);
		int activeBefore = calls.active();
		calls.resetPeak();

		long start = System.nanoTime();
		try {
			for (int i = 0; i < STREAMS; i++) {
				String expected = ("stream " + i).toUpperCase();
				StreamObserver<EchoRequest> request = clients.async().withDeadlineAfter(120, TimeUnit.SECONDS)
					.bidi(new StreamObserver<>() {

						private boolean first = true;

						@Override
						public void onNext(EchoReply reply) {
							if (!reply.getText().equals(expected)) {
								wrongReplies.incrementAndGet();
							}
							if (this.first) {
								this.first = false;
								firstReplies.countDown();
							}
						}

						@Override
						public void onError(Throwable t) {
							errors.add(t);
							ended.countDown();
						}

						@Override
						public void onCompleted() {
							completed.incrementAndGet();
							ended.countDown();
						}
					});
				requests.add(request);
				request.onNext(Calls.request("stream " + i));
			}
			boolean allReplied = firstReplies.await(60, TimeUnit.SECONDS);
			long openMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			int activeOnServer = calls.active() - activeBefore;
			System.out.printf("[load] %d bidi streams: all open with a reply after %d ms; %d replies missing, "
					+ "%d completed, %d errors (first: %s); server calls open %d (peak %d); %s%n", STREAMS, openMillis,
					firstReplies.getCount(), completed.get(), errors.size(), errors.peek(), activeOnServer,
					calls.peakActive(), transports);
			assertThat(errors).as("errors while opening").isEmpty();
			assertThat(allReplied)
				.as("every stream got its first reply within 60 s (%d missing)", firstReplies.getCount())
				.isTrue();
			assertThat(completed.get()).as("streams completed before any half-close").isZero();
			assertThat(activeOnServer).as("calls open on the server at once").isEqualTo(STREAMS);
			assertThat(transports.ready()).as("connections: the injected stub's one").isEqualTo(1);

			start = System.nanoTime();
			requests.forEach(StreamObserver::onCompleted);
			boolean allEnded = ended.await(60, TimeUnit.SECONDS);
			long completeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			System.out.printf("[load] %d bidi streams: all half-closed and completed after %d ms; completed %d, "
					+ "errors %d%n",
					STREAMS, completeMillis, completed.get(), errors.size());
			assertThat(allEnded).as("every stream ended within 60 s (%d open)", ended.getCount()).isTrue();
			assertThat(errors).as("errors while completing").isEmpty();
			assertThat(completed.get()).isEqualTo(STREAMS);
			assertThat(wrongReplies.get()).as("replies with the wrong text").isZero();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(calls.active()).as("calls open on the server").isEqualTo(activeBefore));
			assertThat(transports.ready()).as("still the one connection").isEqualTo(1);
		}
		finally {
			// A failed run leaves no stream open on the shared channel.
			if (ended.getCount() > 0) {
				for (StreamObserver<EchoRequest> request : requests) {
					try {
						request.onError(new IllegalStateException("test over"));
					}
					catch (RuntimeException ex) {
						// already closed
					}
				}
			}
		}
	}

}
