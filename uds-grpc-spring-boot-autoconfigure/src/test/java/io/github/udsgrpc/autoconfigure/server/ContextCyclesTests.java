package io.github.udsgrpc.autoconfigure.server;

import java.nio.file.Path;
import java.util.List;

import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.autoconfigure.testsupport.EchoApp;
import io.github.udsgrpc.autoconfigure.testsupport.EchoClients;
import io.github.udsgrpc.testsupport.ShortTempDir;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * net.devh leaves a new event loop group behind per socket server and per socket channel; ours must leave
 * nothing once a context is closed.
 */
class ContextCyclesTests {

	private static final int CYCLES = 12;

	@Test
	void contextsStartedAndClosedLeaveNoThreadAndNoSocketFile() {
		try (ShortTempDir dir = new ShortTempDir()) {
			Path socket = dir.socket("cycle.sock");
			for (int i = 0; i < CYCLES; i++) {
				try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket,
						"grpc.client.echo.address=unix:" + socket)) {
					assertThat(context.getBean(EchoClients.class).blocking.unary(Calls.request("cycle " + i))
						.getText()).isEqualTo("cycle " + i);
					assertThat(socketThreads()).as("threads while running").isNotEmpty();
				}
				assertThat(socketThreads()).as("threads left after cycle %d", i).isEmpty();
				assertThat(socket).doesNotExist();
			}
		}
	}

	/** Our event loop and await threads, and the names net.devh's leaked groups get. */
	static List<String> socketThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("uds-grpc") || name.startsWith("epollEventLoopGroup"))
			.toList();
	}

}
