package io.github.udsgrpc.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of this JVM by name, for tests that check where calls run and which threads an executor leaves:
 * the live threads whose names start with a prefix, a wait until none is left, and a thread factory that names
 * its threads {@code prefix-1}, {@code prefix-2}, ...
 */
public final class ThreadNames {

	private ThreadNames() {
	}

	/**
	 * The names of the live threads whose names start with a prefix.
	 * @param prefix the start of the names
	 * @return the names, possibly none
	 */
	public static List<String> alive(String prefix) {
		return Thread.getAllStackTraces().keySet().stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith(prefix))
			.toList();
	}

	/**
	 * Waits until no live thread's name starts with a prefix, or until the wait is over.
	 * @param prefix the start of the names
	 * @param wait how long to wait at most
	 * @return the names of the threads still alive: none unless the wait ran out
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static List<String> awaitNoneAlive(String prefix, Duration wait) throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		List<String> left = alive(prefix);
		while (!left.isEmpty() && System.nanoTime() - deadline < 0) {
			Thread.sleep(20);
			left = alive(prefix);
		}
		return left;
	}

	/**
	 * A thread factory that names its threads {@code prefix-1}, {@code prefix-2}, ...
	 * @param prefix the start of the names, without the dash
	 * @return the factory
	 */
	public static ThreadFactory numbered(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> new Thread(task, prefix + "-" + count.incrementAndGet());
	}

}
