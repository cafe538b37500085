package io.github.udsgrpc.peer;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Caps the refusals logged for one listener, so that a peer that opens connection after connection cannot flood
 * the log: at most {@value #LINES_PER_MINUTE} lines a minute; the next line logged says how many were left out.
 */
final class RefusalLog {

	static final int LINES_PER_MINUTE = 10;

	private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final LongSupplier nanoClock;

	private long windowStart;

	private int linesInWindow;

	private long notLogged;

	RefusalLog(LongSupplier nanoClock) {
		this.nanoClock = nanoClock;
		this.windowStart = nanoClock.getAsLong();
	}

	/**
	 * Asks whether one more refusal may be logged now.
	 * @return {@code null} if not (it is counted), otherwise a note on the refusals left out since the last line
	 * ({@code ""} if none)
	 */
	synchronized String admit() {
		long now = this.nanoClock.getAsLong();
		if (now - this.windowStart >= MINUTE_NANOS) {
			this.windowStart = now;
			this.linesInWindow = 0;
		}
		if (this.linesInWindow >= LINES_PER_MINUTE) {
			this.notLogged++;
			return null;
		}
		this.linesInWindow++;
		String note = (this.notLogged > 0) ? " (" + this.notLogged + " earlier refusal(s) on this listener were not "
				+ "logged, at most " + LINES_PER_MINUTE + " lines a minute)" : "";
		this.notLogged = 0;
		return note;
	}

}
