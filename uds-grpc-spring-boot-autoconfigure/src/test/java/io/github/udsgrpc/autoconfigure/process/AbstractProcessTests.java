package io.github.udsgrpc.autoconfigure.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.autoconfigure.testsupport.EchoServerMain;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.JavaProcess;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.netty.channel.unix.DomainSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * Base of the process-level tests: each test gets a short socket directory and a group of child JVMs that is
 * killed after it, whatever happened.
 */
abstract class AbstractProcessTests {

	/** A JVM start of EchoApp takes 2-3 s on two cores; this leaves room for a loaded machine. */
	static final Duration START_TIMEOUT = Duration.ofSeconds(45);

	ShortTempDir dir;

	JavaProcess.Group processes;

	@BeforeEach
	void setUpProcesses(TestInfo test) {
		this.dir = new ShortTempDir();
		this.processes = new JavaProcess.Group(getClass().getSimpleName() + "."
				+ test.getTestMethod().map((method) -> method.getName()).orElse("test") + "-" + System.nanoTime());
	}

	@AfterEach
	void killProcesses() {
		try {
			this.processes.close();
		}
		finally {
			this.dir.close();
		}
	}

	/**
	 * Starts EchoApp in a JVM of its own, on a socket.
	 * @param name name of the process, for messages and its log
	 * @param socket the socket path
	 * @param moreArgs further arguments
	 * @return the process
	 */
	JavaProcess startServer(String name, Path socket, String... moreArgs) {
		return this.processes.start(serverBuilder(name, socket, moreArgs));
	}

	JavaProcess.Builder serverBuilder(String name, Path socket, String... moreArgs) {
		return JavaProcess.mainClass(name, EchoServerMain.class).args("--grpc.uds.path=" + socket).args(moreArgs);
	}

	static String listeningLine(Path socket) {
		return "gRPC server listening on Unix socket " + socket + " (listener 'default')";
	}

	/**
	 * One unary call over a fresh, hand-wired grpc-java channel.
	 * @param socket the socket
	 * @param text the text to echo
	 * @return the echoed text
	 */
	static String echo(Path socket, String text) throws InterruptedException {
		return echo(new DomainSocketAddress(socket.toString()), text, Duration.ofSeconds(10));
	}

	/**
	 * One unary call over a fresh, hand-wired grpc-java channel to any socket address.
	 * @param address the socket path, or {@code "\0name"} for an abstract name
	 * @param text the text to echo
	 * @param deadline how long the call may take, connecting included
	 * @return the echoed text
	 */
	static String echo(DomainSocketAddress address, String text, Duration deadline) throws InterruptedException {
		try (HandWiredChannel channel = new HandWiredChannel(address)) {
			return EchoGrpc.newBlockingStub(channel.channel())
				.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
				.unary(Calls.request(text))
				.getText();
		}
	}

	static long inode(Path path) throws IOException {
		return ((Number) Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
	}

	static List<String> namesIn(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
	}

	static String millis(Duration duration) {
		return duration.toMillis() + " ms";
	}

}
