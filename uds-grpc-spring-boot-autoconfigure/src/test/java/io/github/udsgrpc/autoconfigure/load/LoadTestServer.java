package io.github.udsgrpc.autoconfigure.load;

import java.nio.file.Path;

import io.github.udsgrpc.testsupport.ShortTempDir;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * One application serving on a socket for all the tests of a class (see {@link LoadClients#runApp}).
 */
abstract class LoadTestServer {

	static ShortTempDir dir;

	static Path socket;

	static ConfigurableApplicationContext context;

	@BeforeAll
	static void startServer() {
		dir = new ShortTempDir();
		socket = dir.socket("load.sock");
		context = LoadClients.runApp(socket);
	}

	@AfterAll
	static void stopServer() {
		try {
			if (context != null) {
				context.close();
			}
		}
		finally {
			dir.close();
		}
	}

}
