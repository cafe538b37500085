package io.github.udsgrpc.testsupport;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.echo.EchoRequest;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;

/**
 * An echo service in plain grpc-java (no Spring, nothing of the core): echoes what it is sent with every kind of
 * call, tells the thread a call runs on, and holds calls until a test lets them go or they are cancelled.
 */
public class PlainEchoService extends EchoGrpc.EchoImplBase {

	/** A unary call with this text waits until {@link #release()} or until it is cancelled (at most a minute). */
	public static final String HOLD = "hold";

	/** A unary call with this text is answered with the name of the thread the service method runs on. */
	public static final String THREAD = "thread";

	private static final long HOLD_POLL_MILLIS = 10;

	private static final long HOLD_LIMIT_MILLIS = TimeUnit.MINUTES.toMillis(1);

	private final CountDownLatch released = new CountDownLatch(1);

	private final AtomicInteger unaryCalls = new AtomicInteger();

	private final AtomicInteger heldCalls = new AtomicInteger();

	private final AtomicInteger cancelledCalls = new AtomicInteger();

	/**
	 * Replies with the text, or with the thread's name for {@link #THREAD}; {@link #HOLD} waits first.
	 */
	@Override
	public void unary(EchoRequest request, StreamObserver<EchoReply> responseObserver) {
		this.unaryCalls.incrementAndGet();
		if (request.getText().equals(HOLD) && !hold()) {
			return; // cancelled: there is no one left to answer
		}
		String text = request.getText().equals(THREAD) ? Thread.currentThread().getName() : request.getText();
		responseObserver.onNext(reply(text));
		responseObserver.onCompleted();
	}

	/**
	 * Waits for {@link #release()} while the call lasts. A call's context is cancelled when the call ends, also
	 * after a normal end, so only a cancellation seen while the call is held counts as one.
	 * @return true if released, false if the call was cancelled (or a minute passed)
	 */
	private boolean hold() {
		Context context = Context.current();
		this.heldCalls.incrementAndGet();
		try {
			long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HOLD_LIMIT_MILLIS);
			while (!this.released.await(HOLD_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
				if (context.isCancelled()) {
					this.cancelledCalls.incrementAndGet();
					return false;
				}
				if (System.nanoTime() - deadline >= 0) {
					return false;
				}
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.heldCalls.decrementAndGet();
		}
	}

	/**
	 * Sends {@code count} replies, the text followed by their number.
	 */
	@Override
	public void serverStream(EchoRequest request, StreamObserver<EchoReply> responseObserver) {
		Context context = Context.current();
		for (int i = 0; i < request.getCount() && !context.isCancelled(); i++) {
			responseObserver.onNext(reply(request.getText() + i));
		}
		if (!context.isCancelled()) {
			responseObserver.onCompleted();
		}
	}

	/**
	 * Replies once, with the texts joined.
	 */
	@Override
	public StreamObserver<EchoRequest> clientStream(StreamObserver<EchoReply> responseObserver) {
		StringBuilder joined = new StringBuilder();
		return new StreamObserver<>() {

			@Override
			public void onNext(EchoRequest value) {
				joined.append(value.getText());
			}

			@Override
			public void onError(Throwable t) {
			}

			@Override
			public void onCompleted() {
				responseObserver.onNext(reply(joined.toString()));
				responseObserver.onCompleted();
			}
		};
	}

	/**
	 * Replies to each text with it in upper case.
	 */
	@Override
	public StreamObserver<EchoRequest> bidi(StreamObserver<EchoReply> responseObserver) {
		return new StreamObserver<>() {

			@Override
			public void onNext(EchoRequest value) {
				responseObserver.onNext(reply(value.getText().toUpperCase()));
			}

			@Override
			public void onError(Throwable t) {
			}

			@Override
			public void onCompleted() {
				responseObserver.onCompleted();
			}
		};
	}

	/**
	 * Lets every held call, and every call to come, answer.
	 */
	public void release() {
		this.released.countDown();
	}

	/**
	 * The unary calls that reached this service.
	 * @return their number
	 */
	public int unaryCalls() {
		return this.unaryCalls.get();
	}

	/**
	 * The calls being held now.
	 * @return their number
	 */
	public int heldCalls() {
		return this.heldCalls.get();
	}

	/**
	 * Waits until at least a number of calls are held, or until the wait is over.
	 * @param calls the calls to wait for
	 * @param wait how long to wait at most
	 * @return the calls held now, for the caller to assert on
	 * @throws InterruptedException if interrupted while waiting
	 */
	public int awaitHeldCalls(int calls, Duration wait) throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		while (heldCalls() < calls && System.nanoTime() - deadline < 0) {
			Thread.sleep(5);
		}
		return heldCalls();
	}

	/**
	 * The held calls that were cancelled while held.
	 * @return their number
	 */
	public int cancelledCalls() {
		return this.cancelledCalls.get();
	}

	/**
	 * The reply with a text; a subclass may add to it.
	 * @param text the text
	 * @return the reply
	 */
	protected EchoReply reply(String text) {
		return EchoReply.newBuilder().setText(text).build();
	}

}
