package io.github.udsgrpc.interop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.interop.proto.HoldReport;

import org.springframework.stereotype.Component;

/**
 * What the server saw of each {@code Hold} call, by tag, so that a client can ask after its deadline expired or it
 * cancelled: the client alone cannot tell whether the server noticed.
 */
@Component
class HoldOutcomes {

	/** How long {@code HoldOutcome} waits for the call to end: a hang guard, not an expectation. */
	private static final long WAIT_SECONDS = 20;

	private final ConcurrentMap<String, CompletableFuture<HoldReport>> byTag = new ConcurrentHashMap<>();

	void record(String tag, boolean cancelled, boolean hadDeadline) {
		outcome(tag).complete(HoldReport.newBuilder()
			.setTag(tag)
			.setSeen(true)
			.setCancelled(cancelled)
			.setHadDeadline(hadDeadline)
			.build());
	}

	/**
	 * The outcome of the call with this tag once it ended, or {@code seen=false} if it did not end in time.
	 */
	CompletableFuture<HoldReport> awaitOutcome(String tag) {
		// A copy, so that the timeout does not settle the recorded outcome for a later, slower call.
		return outcome(tag).copy()
			.completeOnTimeout(HoldReport.newBuilder().setTag(tag).setSeen(false).build(), WAIT_SECONDS,
					TimeUnit.SECONDS);
	}

	private CompletableFuture<HoldReport> outcome(String tag) {
		return this.byTag.computeIfAbsent(tag, (key) -> new CompletableFuture<>());
	}

}
