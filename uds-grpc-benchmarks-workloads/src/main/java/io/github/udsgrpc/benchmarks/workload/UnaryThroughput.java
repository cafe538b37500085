package io.github.udsgrpc.benchmarks.workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import io.github.udsgrpc.benchmarks.proto.BenchGrpc;
import io.github.udsgrpc.benchmarks.transport.Payloads;
import io.github.udsgrpc.benchmarks.transport.Transport;

/**
 * {@code callers} threads in a closed loop on the shared channel, each making blocking calls of the tiny message one
 * after another: how a Spring Boot application calls a service from its request threads through an injected blocking
 * stub. (Async stubs with as many calls outstanding were tried first: on two cores their throughput flipped between
 * two modes twice as far apart from one measurement to the next, because every response then goes through
 * grpc-java's default executor; a blocking stub runs the response on the calling thread.) Also the CPU time per call
 * of both sides, as {@link UnaryLatency} measures it.
 */
public class UnaryThroughput implements Workload {

	private final int callers;

	public UnaryThroughput(int callers) {
		this.callers = callers;
	}

	@Override
	public String name() {
		return "unary-throughput-" + this.callers;
	}

	@Override
	public List<Measurement> run(Transport transport, Duration warmup, Duration duration) throws Exception {
		BenchGrpc.BenchBlockingStub stub = BenchGrpc.newBlockingStub(transport.channel());
		LongAdder completed = new LongAdder();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		long end = System.nanoTime() + warmup.toNanos() + duration.toNanos();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < this.callers; i++) {
			Thread thread = new Thread(() -> {
				try {
					while (System.nanoTime() < end) {
						stub.echo(Payloads.TINY);
						completed.increment();
					}
				}
				catch (RuntimeException ex) {
					failure.compareAndSet(null, ex);
				}
			}, "caller-" + i);
			thread.start();
			threads.add(thread);
		}
		Thread.sleep(warmup.toMillis());
		long startCount = completed.sum();
		CpuSplit cpu = CpuSplit.start();
		long start = System.nanoTime();
		Thread.sleep(duration.toMillis());
		long endCount = completed.sum();
		long stop = System.nanoTime();
		List<Measurement> cpuPerCall = cpu.perCall(endCount - startCount);
		for (Thread thread : threads) {
			thread.join();
		}
		if (failure.get() != null) {
			throw new IllegalStateException("Calls failed on " + transport.name(), failure.get());
		}
		List<Measurement> measurements = new ArrayList<>();
		measurements.add(Measurement.higherIsBetter("calls/s", (endCount - startCount) / ((stop - start) / 1e9), "1/s"));
		measurements.addAll(cpuPerCall);
		return measurements;
	}

}
