package io.github.udsgrpc.benchmarks.workload;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.benchmarks.proto.BenchGrpc;
import io.github.udsgrpc.benchmarks.proto.Payload;
import io.github.udsgrpc.benchmarks.proto.StreamRequest;
import io.github.udsgrpc.benchmarks.transport.Transport;
import io.grpc.stub.StreamObserver;

/**
 * Server streaming: one stream at a time asks for messages of {@code size} payload bytes, about 8 MiB per stream,
 * and reads them through an async stub's observer (grpc-java's default flow control and executor), stream after
 * stream until the time is up; the last stream is read to its end and counted, and the rate uses the time actually
 * taken. (A blocking stub's iterator was tried first: it hands every message from the event loop to the calling
 * thread, which on two cores made it a measure of thread wake-ups, flipping between two modes twice as far apart.)
 */
public class Streaming implements Workload {

	private static final int BYTES_PER_STREAM = 8 << 20;

	private final String label;

	private final int size;

	public Streaming(String label, int size) {
		this.label = label;
		this.size = size;
	}

	@Override
	public String name() {
		return "stream-" + this.label;
	}

	@Override
	public List<Measurement> run(Transport transport, Duration warmup, Duration duration) throws Exception {
		BenchGrpc.BenchStub stub = BenchGrpc.newStub(transport.channel());
		StreamRequest request = StreamRequest.newBuilder()
			.setCount(Math.max(16, BYTES_PER_STREAM / this.size))
			.setSize(this.size)
			.build();
		readFor(stub, request, warmup.toNanos());
		long start = System.nanoTime();
		long messages = readFor(stub, request, duration.toNanos());
		double seconds = (System.nanoTime() - start) / 1e9;
		double perSecond = messages / seconds;
		return List.of(Measurement.higherIsBetter("msgs/s", perSecond, "1/s"),
				Measurement.higherIsBetter("MiB/s", perSecond * this.size / (1 << 20), "MiB/s"));
	}

	private static long readFor(BenchGrpc.BenchStub stub, StreamRequest request, long nanos) throws Exception {
		long end = System.nanoTime() + nanos;
		long messages = 0;
		while (System.nanoTime() < end) {
			long received = readStream(stub, request);
			if (received != request.getCount()) {
				throw new IllegalStateException("Stream ended after " + received + " of " + request.getCount());
			}
			messages += received;
		}
		return messages;
	}

	private static long readStream(BenchGrpc.BenchStub stub, StreamRequest request) throws Exception {
		CompletableFuture<Long> done = new CompletableFuture<>();
		stub.withDeadlineAfter(60, TimeUnit.SECONDS).stream(request, new StreamObserver<>() {

			private long received;

			@Override
			public void onNext(Payload message) {
				this.received++;
			}

			@Override
			public void onError(Throwable error) {
				done.completeExceptionally(error);
			}

			@Override
			public void onCompleted() {
				done.complete(this.received);
			}

		});
		return done.get(70, TimeUnit.SECONDS);
	}

}
