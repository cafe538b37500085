package io.github.udsgrpc.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the core logs during a test. The core logs through {@link System.Logger}, which is java.util.logging when
 * nothing else is installed (as in the core's tests); this extension listens on the {@code io.github.udsgrpc}
 * logger, at every level, for the length of each test. Use it as a {@code @RegisterExtension} field.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {

	private static final String ROOT = "io.github.udsgrpc";

	private final List<LogRecord> records = new CopyOnWriteArrayList<>();

	private final Handler handler = new Handler() {

		@Override
		public void publish(LogRecord record) {
			LogCapture.this.records.add(record);
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	};

	// Held strongly: java.util.logging keeps its loggers only weakly, and a collected one loses its handler.
	private final Logger logger = Logger.getLogger(ROOT);

	private Level previousLevel;

	@Override
	public void beforeEach(ExtensionContext context) {
		this.records.clear();
		this.previousLevel = this.logger.getLevel();
		this.logger.setLevel(Level.ALL);
		this.handler.setLevel(Level.ALL);
		this.logger.addHandler(this.handler);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.logger.removeHandler(this.handler);
		this.logger.setLevel(this.previousLevel);
	}

	/**
	 * The messages logged so far in this test, one per line, each led by its level ({@code WARNING: ...}).
	 */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder();
		for (LogRecord record : this.records) {
			text.append(record.getLevel()).append(": ").append(record.getMessage()).append(System.lineSeparator());
		}
		return text.toString();
	}

}
