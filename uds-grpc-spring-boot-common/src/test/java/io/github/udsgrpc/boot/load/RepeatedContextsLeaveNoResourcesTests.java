package io.github.udsgrpc.boot.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.boot.process.BootLine;
import io.github.udsgrpc.boot.testsupport.EchoStubs;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.echo.EchoRequest;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Application contexts started and closed one after the other in one JVM, each serving on a socket and calling
 * itself through the injected stub, leave nothing behind: no file descriptor per cycle (counted in /proc/self/fd,
 * so Linux only), no thread named uds-grpc*, and nothing in the socket's directory (neither the socket file nor the
 * private ".u*" directory it is bound in before it is linked into place).
 */
public abstract class RepeatedContextsLeaveNoResourcesTests {

	private final BootLine line;

	protected RepeatedContextsLeaveNoResourcesTests(BootLine line) {
		this.line = line;
	}

	private static final int WARM_UP_CYCLES = 2;

	private static final int CYCLES = 15;

	@Test
	void contextsStartedAndClosedLeaveNoDescriptorThreadOrFile() throws Exception {
		assumeTrue(ProcFds.available(), "needs /proc/self/fd (Linux)");
		try (ShortTempDir dir = new ShortTempDir()) {
			Path socket = dir.socket("cycles.sock");
			int before = ProcFds.all();
			int socketsBefore = ProcFds.sockets();
			for (int i = 0; i < WARM_UP_CYCLES; i++) {
				cycle(dir, socket, "warm-up " + i);
			}
			int baseline = ProcFds.all();
			int baselineSockets = ProcFds.sockets();
			List<Integer> counts = new ArrayList<>();
			List<Integer> socketCounts = new ArrayList<>();
			for (int i = 0; i < CYCLES; i++) {
				cycle(dir, socket, "cycle " + i);
				counts.add(ProcFds.all());
				socketCounts.add(ProcFds.sockets());
			}
			int last = counts.get(counts.size() - 1);
			System.out.printf("[load] %d context cycles: descriptors %d before any cycle (%d sockets), %d at baseline "
					+ "(after %d warm-up cycles), after each cycle %s, growth %d; socket descriptors %d at baseline, "
					+ "after each cycle %s%n", CYCLES, before, socketsBefore, baseline, WARM_UP_CYCLES, counts,
					last - baseline, baselineSockets, socketCounts);
			assertThat(last - baseline)
				.as("descriptors gained over %d cycles (a leak of one per cycle makes %d)", CYCLES, CYCLES)
				.isLessThan(CYCLES);
			assertThat(socketCounts).as("socket descriptors after each cycle")
				.allMatch((count) -> count <= baselineSockets);
		}
	}

	private void cycle(ShortTempDir dir, Path socket, String text) throws IOException {
		// Threads of other tests in this JVM (such as the JVM-wide shared event loops) are not this cycle's.
		List<String> before = socketThreads();
		try (ConfigurableApplicationContext context = LoadClients.runApp(this.line, socket)) {
			EchoStubs clients = this.line.echoStubs(context);
			assertThat(clients.blocking().withDeadlineAfter(5, TimeUnit.SECONDS).unary(Calls.request(text)).getText())
				.isEqualTo(text);
			Iterator<EchoReply> stream = clients.blocking().withDeadlineAfter(5, TimeUnit.SECONDS)
				.serverStream(EchoRequest.newBuilder().setText(text).setCount(3).build());
			List<String> texts = new ArrayList<>();
			stream.forEachRemaining((reply) -> texts.add(reply.getText()));
			assertThat(texts).containsExactly(text + "0", text + "1", text + "2");
			assertThat(entries(dir.path())).as("socket directory while running").containsExactly("cycles.sock");
			assertThat(socketThreads()).as("this context's threads while running")
				.filteredOn((name) -> !before.contains(name))
				.isNotEmpty();
		}
		assertThat(socketThreads()).as("uds-grpc threads left after %s", text).isSubsetOf(before);
		assertThat(entries(dir.path())).as("socket directory after %s", text).isEmpty();
	}

	private static List<String> entries(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
	}

	private static List<String> socketThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("uds-grpc"))
			.toList();
	}

}
