package io.github.udsgrpc.boot.drain;

import java.util.logging.LogManager;

/**
 * A {@code java.util.logging} manager that ignores the reset its own JVM shutdown hook does, for a server JVM whose
 * log a test reads after SIGTERM ({@code -Djava.util.logging.manager=} this class).
 *
 * <p>
 * The JDK's {@link LogManager} resets itself from a shutdown hook of its own, which removes every handler, and
 * shutdown hooks run concurrently: whatever is logged through {@code java.util.logging} (and so through
 * {@link System.Logger}, as the core logs) while Spring Boot's shutdown hook stops the application is lost, since
 * Boot's bridge to its logging system is a {@code java.util.logging} handler. With this manager the server's own
 * account of its drain reaches the log.
 */
public final class LogManagerKeptAtShutdown extends LogManager {

	@Override
	public void reset() {
		if (Thread.currentThread().getClass().getName().startsWith(LogManager.class.getName() + "$")) {
			return; // LogManager$Cleaner, the JVM shutdown hook
		}
		super.reset();
	}

}
