package io.github.udsgrpc.boot.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.google.common.util.concurrent.MoreExecutors;
import io.github.udsgrpc.test.echo.EchoRequest;
import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerBuilder;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerTransportFilter;
import io.grpc.Status;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Test-only instruments on the server side, installed the way an application would: each Spring Boot line gives
 * them to every server builder with its own customizer bean ({@link #install}; net.devh's
 * {@code GrpcServerConfigurer}, Spring gRPC's {@code ServerBuilderCustomizer}), so the socket listener's server gets
 * them too. They count transports (connections that completed the HTTP/2 handshake) and calls, and follow individual
 * calls by request text.
 */
@Configuration(proxyBeanMethods = false)
public class ServerProbe {

	@Bean
	TransportCounter loadTransportCounter() {
		return new TransportCounter();
	}

	@Bean
	CallTracker loadCallTracker() {
		return new CallTracker();
	}

	/**
	 * Gives a server builder the instruments.
	 * @param builder the builder
	 * @param transports counts its transports
	 * @param calls counts and follows its calls
	 */
	public static void install(ServerBuilder<?> builder, TransportCounter transports, CallTracker calls) {
		builder.addTransportFilter(transports);
		builder.intercept(calls);
	}

	/**
	 * Counts server transports. grpc-java calls transportReady once the client's first SETTINGS frame arrived
	 * (NettyServerHandler delays it until the HTTP/2 handshake), so a peer that never speaks HTTP/2 is not counted
	 * as ready.
	 */
	public static final class TransportCounter extends ServerTransportFilter {

		private static final Attributes.Key<Boolean> READY = Attributes.Key.create("load-test.ready");

		private final AtomicInteger ready = new AtomicInteger();

		private final AtomicInteger open = new AtomicInteger();

		private final AtomicInteger peak = new AtomicInteger();

		private final AtomicInteger terminatedReady = new AtomicInteger();

		private final AtomicInteger terminatedNeverReady = new AtomicInteger();

		@Override
		public Attributes transportReady(Attributes attributes) {
			this.ready.incrementAndGet();
			int now = this.open.incrementAndGet();
			this.peak.accumulateAndGet(now, Math::max);
			return attributes.toBuilder().set(READY, Boolean.TRUE).build();
		}

		@Override
		public void transportTerminated(Attributes attributes) {
			if (attributes != null && Boolean.TRUE.equals(attributes.get(READY))) {
				this.terminatedReady.incrementAndGet();
				this.open.decrementAndGet();
			}
			else {
				this.terminatedNeverReady.incrementAndGet();
			}
		}

		/** Transports that completed the handshake and have not terminated. */
		public int open() {
			return this.open.get();
		}

		/** The most transports open at once since the last {@link #resetPeak()}. */
		public int peak() {
			return this.peak.get();
		}

		public int ready() {
			return this.ready.get();
		}

		public int terminatedReady() {
			return this.terminatedReady.get();
		}

		public int terminatedNeverReady() {
			return this.terminatedNeverReady.get();
		}

		public void resetPeak() {
			this.peak.set(this.open.get());
		}

		@Override
		public String toString() {
			return "transports[ready=" + ready() + ", open=" + open() + ", peak=" + peak() + ", terminatedReady="
					+ terminatedReady() + ", terminatedNeverReady=" + terminatedNeverReady() + "]";
		}

	}

	/**
	 * Counts calls open on the server (started, neither completed nor cancelled), and follows the calls whose first
	 * request has a given text: how many messages the server sent, when its call context was cancelled, and when
	 * the service method returned.
	 */
	public static final class CallTracker implements ServerInterceptor {

		private final AtomicInteger active = new AtomicInteger();

		private final AtomicInteger peakActive = new AtomicInteger();

		private final AtomicLong started = new AtomicLong();

		private final AtomicLong completed = new AtomicLong();

		private final AtomicLong cancelled = new AtomicLong();

		private final Map<String, FollowedCall> followed = new ConcurrentHashMap<>();

		/**
		 * Follows the call whose first request has this text; call before the call starts.
		 * @param text the request text
		 * @return the record, filled in as the call goes
		 */
		public FollowedCall follow(String text) {
			FollowedCall call = new FollowedCall();
			this.followed.put(text, call);
			return call;
		}

		public int active() {
			return this.active.get();
		}

		public int peakActive() {
			return this.peakActive.get();
		}

		public long started() {
			return this.started.get();
		}

		public long completed() {
			return this.completed.get();
		}

		public long cancelled() {
			return this.cancelled.get();
		}

		public void resetPeak() {
			this.peakActive.set(this.active.get());
		}

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
				ServerCallHandler<Q, R> next) {
			this.started.incrementAndGet();
			this.peakActive.accumulateAndGet(this.active.incrementAndGet(), Math::max);
			AtomicReference<FollowedCall> record = new AtomicReference<>();
			// ServerImpl cancels the call's context as soon as the transport reports the stream gone, without
			// waiting for the (serialized) listener, which may still be busy in the service method.
			Context.current().addListener((context) -> {
				FollowedCall followedCall = record.get();
				if (followedCall != null) {
					followedCall.sentAtContextCancel = followedCall.sent.get();
					followedCall.contextCancelled.countDown();
				}
			}, MoreExecutors.directExecutor());
			ServerCall<Q, R> counting = new SimpleForwardingServerCall<>(call) {

				@Override
				public void sendMessage(R message) {
					FollowedCall followedCall = record.get();
					if (followedCall != null) {
						followedCall.sent.incrementAndGet();
					}
					super.sendMessage(message);
				}

				@Override
				public void close(Status status, Metadata trailers) {
					FollowedCall followedCall = record.get();
					if (followedCall != null) {
						followedCall.closeStatus = status;
					}
					super.close(status, trailers);
				}
			};
			return new SimpleForwardingServerCallListener<>(next.startCall(counting, headers)) {

				private boolean ended;

				@Override
				public void onMessage(Q message) {
					if (record.get() == null && message instanceof EchoRequest request) {
						FollowedCall followedCall = CallTracker.this.followed.get(request.getText());
						if (followedCall != null) {
							record.set(followedCall);
							if (Context.current().isCancelled()) {
								followedCall.sentAtContextCancel = followedCall.sent.get();
								followedCall.contextCancelled.countDown();
							}
						}
					}
					super.onMessage(message);
				}

				@Override
				public void onHalfClose() {
					try {
						super.onHalfClose();
					}
					finally {
						FollowedCall followedCall = record.get();
						if (followedCall != null) {
							followedCall.handlerReturned.countDown();
						}
					}
				}

				@Override
				public void onComplete() {
					end(false);
					super.onComplete();
				}

				@Override
				public void onCancel() {
					end(true);
					super.onCancel();
				}

				private void end(boolean cancel) {
					if (this.ended) {
						return;
					}
					this.ended = true;
					CallTracker.this.active.decrementAndGet();
					(cancel ? CallTracker.this.cancelled : CallTracker.this.completed).incrementAndGet();
					FollowedCall followedCall = record.get();
					if (followedCall != null) {
						followedCall.cancelledOnServer = cancel;
						followedCall.ended.countDown();
					}
				}
			};
		}

	}

	/** What the server did with one followed call. */
	public static final class FollowedCall {

		/** Messages the service sent (sendMessage calls). */
		public final AtomicLong sent = new AtomicLong();

		/** Counted down when the call's context is cancelled. */
		public final CountDownLatch contextCancelled = new CountDownLatch(1);

		/** Counted down when the service method (run in onHalfClose for a server stream) returned. */
		public final CountDownLatch handlerReturned = new CountDownLatch(1);

		/** Counted down when the listener got onComplete or onCancel. */
		public final CountDownLatch ended = new CountDownLatch(1);

		/** Messages the service had sent when the call's context was cancelled. */
		public volatile long sentAtContextCancel = -1;

		public volatile boolean cancelledOnServer;

		public volatile Status closeStatus;

	}

}
