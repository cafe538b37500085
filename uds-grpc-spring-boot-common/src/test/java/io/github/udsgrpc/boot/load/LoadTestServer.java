package io.github.udsgrpc.boot.load;

import java.nio.file.Path;

import io.github.udsgrpc.boot.process.BootLine;
import io.github.udsgrpc.boot.testsupport.EchoStubs;
import io.github.udsgrpc.testsupport.ShortTempDir;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * One application of a Spring Boot line serving on a socket for all the tests of a class (see
 * {@link LoadClients#runApp}), with its injected stubs and the {@link ServerProbe} instruments.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LoadTestServer {

	/** The Spring Boot line under test. */
	protected final BootLine line;

	ShortTempDir dir;

	Path socket;

	ConfigurableApplicationContext context;

	/**
	 * Creates the tests for a Spring Boot line.
	 * @param line the line's echo application
	 */
	protected LoadTestServer(BootLine line) {
		this.line = line;
	}

	@BeforeAll
	void startServer() {
		this.dir = new ShortTempDir();
		this.socket = this.dir.socket("load.sock");
		this.context = LoadClients.runApp(this.line, this.socket);
	}

	@AfterAll
	void stopServer() {
		try {
			if (this.context != null) {
				this.context.close();
			}
		}
		finally {
			this.dir.close();
		}
	}

	EchoStubs stubs() {
		return this.line.echoStubs(this.context);
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

}
