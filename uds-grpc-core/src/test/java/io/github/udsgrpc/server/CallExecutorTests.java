package io.github.udsgrpc.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link CallExecutor}: each kind runs tasks on threads named after it, of the kind promised, and leaves no thread
 * once shut down.
 */
class CallExecutorTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void valuesAreTheirConfigurationNames() {
		assertThat(List.of(CallExecutor.values())).extracting(CallExecutor::value)
			.containsExactly("cached", "fork-join", "virtual");
		assertThat(CallExecutor.of("fork-join")).isEqualTo(CallExecutor.FORK_JOIN);
		assertThat(CallExecutor.of(" FORK_JOIN ")).isEqualTo(CallExecutor.FORK_JOIN);
		assertThatIllegalArgumentException().isThrownBy(() -> CallExecutor.of("pooled"))
			.withMessage("'pooled' is not an executor: cached, fork-join or virtual");
	}

	@Test
	void cachedRunsEachTaskOnANamedDaemonPlatformThreadAndLeavesNoneWhenShutDown() throws Exception {
		ExecutorService executor = CallExecutor.CACHED.create();
		Thread thread = threadOf(executor);
		assertThat(thread.getName()).isEqualTo("uds-grpc-calls-cached-1");
		assertThat(thread.isDaemon()).isTrue();
		assertThat(isVirtual(thread)).isFalse();

		assertThat(CallExecutor.shutdown(executor)).isTrue();
		thread.join(WAIT.toMillis());
		assertThat(thread.isAlive()).isFalse();
	}

	@Test
	void cachedGrowsAThreadPerTaskInFlight() throws Exception {
		ExecutorService executor = CallExecutor.CACHED.create();
		CountDownLatch release = new CountDownLatch(1);
		int tasks = Runtime.getRuntime().availableProcessors() * 4;
		CountDownLatch started = new CountDownLatch(tasks);
		for (int i = 0; i < tasks; i++) {
			executor.execute(() -> {
				started.countDown();
				await(release);
			});
		}
		assertThat(started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("%d blocked tasks run at once", tasks)
			.isTrue();
		release.countDown();
		assertThat(CallExecutor.shutdown(executor)).isTrue();
	}

	@Test
	void forkJoinIsAnAsyncPoolOfOneThreadPerProcessor() throws Exception {
		ExecutorService executor = CallExecutor.FORK_JOIN.create();
		assertThat(executor).isInstanceOf(ForkJoinPool.class);
		ForkJoinPool pool = (ForkJoinPool) executor;
		assertThat(pool.getParallelism()).isEqualTo(Runtime.getRuntime().availableProcessors());
		assertThat(pool.getAsyncMode()).isTrue();
		Thread thread = threadOf(executor);
		assertThat(thread.getName()).startsWith("uds-grpc-calls-fork-join-");
		assertThat(isVirtual(thread)).isFalse();

		assertThat(CallExecutor.shutdown(executor)).isTrue();
		thread.join(WAIT.toMillis());
		assertThat(thread.isAlive()).isFalse();
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualRunsEachTaskOnANewNamedVirtualThread() throws Exception {
		ExecutorService executor = CallExecutor.VIRTUAL.create();
		Thread first = threadOf(executor);
		Thread second = threadOf(executor);
		assertThat(isVirtual(first)).isTrue();
		assertThat(first.getName()).isEqualTo("uds-grpc-calls-virtual-1");
		assertThat(second.getName()).isEqualTo("uds-grpc-calls-virtual-2");

		assertThat(CallExecutor.shutdown(executor)).isTrue();
		assertThat(executor.isTerminated()).isTrue();
		// The executor counts a thread out when its task ends, a moment before the thread itself ends.
		first.join(WAIT.toMillis());
		second.join(WAIT.toMillis());
		assertThat(first.isAlive()).isFalse();
		assertThat(second.isAlive()).isFalse();
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void virtualBeforeJdk21SaysWhichJdkThisIs() {
		assertThat(CallExecutor.virtualThreadsAvailable()).isFalse();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(CallExecutor.VIRTUAL::create)
			.withMessageStartingWith("Virtual threads need JDK 21 or later; this JVM is Java " + Runtime.version())
			.withMessageContaining(System.getProperty("java.home"));
	}

	@Test
	void shutdownLetsATaskFinishWithinTheQuietPeriod() throws Exception {
		ExecutorService executor = CallExecutor.CACHED.create();
		CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
		CountDownLatch started = new CountDownLatch(1);
		executor.execute(() -> {
			started.countDown();
			try {
				Thread.sleep(1_000);
				interrupted.complete(false);
			}
			catch (InterruptedException ex) {
				interrupted.complete(true);
			}
		});
		assertThat(started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(CallExecutor.shutdown(executor)).isTrue();
		assertThat(interrupted.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("a task within the quiet period ends")
			.isFalse();
	}

	private static Thread threadOf(ExecutorService executor) throws Exception {
		CompletableFuture<Thread> thread = new CompletableFuture<>();
		executor.execute(() -> thread.complete(Thread.currentThread()));
		return thread.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** {@code Thread.isVirtual()}, JDK 21 or later; false before. */
	static boolean isVirtual(Thread thread) {
		try {
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
