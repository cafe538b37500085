package io.github.udsgrpc.benchmarks.report;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Times two threads waking each other up, back and forth: the cost every gRPC call pays several times over. In a
 * virtual machine it depends on the host: when the host is busy, waking a vCPU that went idle takes several times
 * longer, and every wake-up-bound number (latency above all) follows, while CPU-bound work does not slow down. Run
 * next to each measurement, it tells a measurement made in such a period from a quiet one.
 */
public final class WakeupCanary {

	private static final int EXCHANGES = 400;

	private WakeupCanary() {
	}

	/**
	 * The 75th percentile of the round trips of {@value #EXCHANGES} park/unpark exchanges between two threads (a
	 * few milliseconds). Not the median: when both threads happen to share a vCPU, most round trips are cheap and the
	 * median would hide slow cross-vCPU wake-ups.
	 * @return microseconds
	 */
	public static double micros() {
		Echo echo = new Echo(Thread.currentThread());
		Thread thread = new Thread(echo, "wakeup-canary");
		thread.setDaemon(true);
		thread.start();
		long[] nanos = new long[EXCHANGES];
		for (int i = 0; i < EXCHANGES; i++) {
			long start = System.nanoTime();
			echo.state = Echo.PING;
			LockSupport.unpark(thread);
			while (echo.state != Echo.PONG) {
				LockSupport.park(echo);
			}
			nanos[i] = System.nanoTime() - start;
		}
		echo.state = Echo.STOP;
		LockSupport.unpark(thread);
		Arrays.sort(nanos);
		return nanos[EXCHANGES * 3 / 4] / 1000.0;
	}

	private static final class Echo implements Runnable {

		static final int PING = 1;

		static final int PONG = 2;

		static final int STOP = 3;

		private final Thread caller;

		volatile int state;

		Echo(Thread caller) {
			this.caller = caller;
		}

		@Override
		public void run() {
			while (true) {
				int current = this.state;
				if (current == STOP) {
					return;
				}
				if (current == PING) {
					this.state = PONG;
					LockSupport.unpark(this.caller);
				}
				else {
					LockSupport.park(this);
				}
			}
		}

	}

}
