package io.github.udsgrpc.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The warnings Netty logs while this is open. Netty logs through java.util.logging in the core's tests: their class
 * path has SLF4J's API (from ArchUnit) but no SLF4J provider, and Netty passes over SLF4J's no-op fallback.
 */
public final class NettyWarnings extends Handler implements AutoCloseable {

	// Held strongly: java.util.logging keeps its loggers only weakly, and a collected one loses its handler.
	private final Logger logger = Logger.getLogger("io.netty");

	private final List<String> messages = new CopyOnWriteArrayList<>();

	public NettyWarnings() {
		setLevel(Level.WARNING);
		this.logger.addHandler(this);
	}

	/**
	 * The warnings logged so far.
	 * @return their messages, formatted
	 */
	public List<String> messages() {
		return List.copyOf(this.messages);
	}

	@Override
	public void publish(LogRecord record) {
		if (isLoggable(record)) {
			this.messages.add(String.valueOf(record.getMessage()));
		}
	}

	@Override
	public void flush() {
	}

	@Override
	public void close() {
		this.logger.removeHandler(this);
	}

}
