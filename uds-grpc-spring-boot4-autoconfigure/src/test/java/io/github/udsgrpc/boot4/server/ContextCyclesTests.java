package io.github.udsgrpc.boot4.server;

import java.nio.file.Path;
import java.util.List;

import io.github.udsgrpc.boot4.testsupport.EchoApp4;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.client.GrpcChannelFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot 4.1 contexts started and closed one after the other, each serving a socket and calling it through
 * a channel of its own, leave no thread behind, neither the starter's nor the kind Spring gRPC's own socket servers
 * and clients leak ({@code multiThreadIoEventLoopGroup-*}, never shut down), and
 * no socket file.
 */
class ContextCyclesTests {

	private static final int CYCLES = 8;

	@Test
	void contextsStartedAndClosedLeaveNoThreadAndNoSocketFile() throws Exception {
		try (ShortTempDir dir = new ShortTempDir()) {
			Path socket = dir.socket("cycle.sock");
			for (int i = 0; i < CYCLES; i++) {
				try (ConfigurableApplicationContext context = EchoApp4.run("grpc.uds.path=" + socket,
						"spring.grpc.client.channel.echo.target=unix:" + socket)) {
					try (HandWiredChannel channel = new HandWiredChannel(socket)) {
						assertThat(EchoGrpc.newBlockingStub(channel.channel()).unary(Calls.request("cycle " + i))
							.getText()).isEqualTo("cycle " + i);
					}
					ManagedChannel own = context.getBean(GrpcChannelFactory.class).createChannel("echo");
					assertThat(EchoGrpc.newBlockingStub(own).unary(Calls.request("client " + i)).getText())
						.isEqualTo("client " + i);
					assertThat(socketThreads()).as("threads while running").isNotEmpty();
				}
				assertThat(socketThreads()).as("threads left after cycle %d", i).isEmpty();
				assertThat(socket).doesNotExist();
			}
		}
	}

	/** Our event loop and await threads, and the names Spring gRPC's leaked groups get. */
	static List<String> socketThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("uds-grpc") || name.startsWith("multiThreadIoEventLoopGroup"))
			.toList();
	}

}
