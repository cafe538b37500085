package io.github.udsgrpc.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The kinds of executor that service methods which may block run on (those not {@link NonBlockingMethods
 * non-blocking}). Each makes its threads named {@code uds-grpc-calls-KIND-N}, so that a thread dump says what they
 * are.
 */
public enum CallExecutor {

	/**
	 * An unbounded pool of platform threads, idle ones kept for 60 s: what grpc-java uses by default.
	 */
	CACHED,

	/**
	 * A {@link ForkJoinPool} in async mode with one thread per available processor: fewer threads and less waking
	 * than a cached pool, but a method that blocks holds one of few threads. Not for blocking code.
	 */
	FORK_JOIN,

	/**
	 * A virtual thread per call (JDK 21 or later): blocking code is cheap, and there is no pool to size.
	 */
	VIRTUAL;

	private static final Duration QUIET_PERIOD = Duration.ofSeconds(10);

	/**
	 * The kind's name in configuration.
	 * @return {@code cached}, {@code fork-join} or {@code virtual}
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * The kind of a name in configuration.
	 * @param value {@code cached}, {@code fork-join} or {@code virtual} (any case; {@code _} for {@code -})
	 * @return the kind
	 * @throws IllegalArgumentException for another value
	 */
	public static CallExecutor of(String value) {
		String normalized = (value != null) ? value.trim().toLowerCase(Locale.ROOT).replace('_', '-') : "";
		for (CallExecutor kind : values()) {
			if (kind.value().equals(normalized)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("'" + value + "' is not an executor: cached, fork-join or virtual");
	}

	/**
	 * The prefix of the names of the threads this kind makes.
	 * @return {@code uds-grpc-calls-KIND-}
	 */
	public String threadNamePrefix() {
		return "uds-grpc-calls-" + value() + "-";
	}

	/**
	 * Whether this JVM has virtual threads (JDK 21 or later).
	 * @return true if {@link #VIRTUAL} can be made
	 */
	public static boolean virtualThreadsAvailable() {
		return Runtime.version().feature() >= 21;
	}

	/**
	 * A new executor of this kind; its owner shuts it down with {@link #shutdown(ExecutorService)}.
	 * @return the executor
	 * @throws UnsupportedOperationException for {@link #VIRTUAL} on a JDK before 21
	 */
	public ExecutorService create() {
		AtomicLong count = new AtomicLong();
		String prefix = threadNamePrefix();
		return switch (this) {
			case CACHED -> new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
					(task) -> {
						Thread thread = new Thread(task, prefix + count.incrementAndGet());
						thread.setDaemon(true);
						return thread;
					});
			case FORK_JOIN -> new ForkJoinPool(Runtime.getRuntime().availableProcessors(), (pool) -> {
				ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
				thread.setName(prefix + count.incrementAndGet());
				return thread;
			}, null, true);
			case VIRTUAL -> virtualThreadPerTask(prefix);
		};
	}

	/**
	 * {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(prefix, 1).factory())}, reached
	 * reflectively: the core compiles for JDK 17.
	 */
	private static ExecutorService virtualThreadPerTask(String prefix) {
		if (!virtualThreadsAvailable()) {
			throw new UnsupportedOperationException("Virtual threads need JDK 21 or later; this JVM is Java "
					+ Runtime.version() + " (" + System.getProperty("java.home") + ")");
		}
		try {
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
			builder = ofVirtual.getMethod("name", String.class, long.class).invoke(builder, prefix, 1L);
			ThreadFactory factory = (ThreadFactory) Class.forName("java.lang.Thread$Builder")
				.getMethod("factory")
				.invoke(builder);
			Method perTask = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
			return (ExecutorService) perTask.invoke(null, factory);
		}
		catch (InvocationTargetException ex) {
			throw new IllegalStateException("Could not make a virtual thread executor", ex.getCause());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Could not make a virtual thread executor", ex);
		}
	}

	/**
	 * Shuts an executor down and waits until its threads are gone: tasks still running get 10 s, then are
	 * interrupted and get 10 s more.
	 * @param executor the executor
	 * @return true if it terminated
	 */
	public static boolean shutdown(ExecutorService executor) {
		executor.shutdown();
		try {
			if (executor.awaitTermination(QUIET_PERIOD.toMillis(), TimeUnit.MILLISECONDS)) {
				return true;
			}
			executor.shutdownNow();
			return executor.awaitTermination(QUIET_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			executor.shutdownNow();
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
