package io.github.udsgrpc.boot.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.JavaProcess;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.netty.channel.unix.DomainSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * Base of the process-level tests, shared by both Spring Boot lines: each test gets a short socket directory and a
 * group of child JVMs that is killed after it, whatever happened, and runs against one line's echo application.
 */
public abstract class AbstractProcessTests {

	/** A JVM start of the echo application takes 2-3 s on two cores; this leaves room for a loaded machine. */
	protected static final Duration START_TIMEOUT = Duration.ofSeconds(45);

	/** The Spring Boot line under test. */
	protected final BootLine line;

	protected ShortTempDir dir;

	protected JavaProcess.Group processes;

	/**
	 * Creates the tests for a Spring Boot line.
	 * @param line the line's echo application
	 */
	protected AbstractProcessTests(BootLine line) {
		this.line = line;
	}

	@BeforeEach
	protected void setUpProcesses(TestInfo test) {
		this.dir = new ShortTempDir();
		this.processes = new JavaProcess.Group(getClass().getName().substring(getClass().getPackageName().length() + 1) + "."
				+ test.getTestMethod().map((method) -> method.getName()).orElse("test") + "-" + System.nanoTime());
	}

	@AfterEach
	protected void killProcesses() {
		try {
			this.processes.close();
		}
		finally {
			this.dir.close();
		}
	}

	/**
	 * Starts the line's echo application in a JVM of its own, on a socket.
	 * @param name name of the process, for messages and its log
	 * @param socket the socket path
	 * @param moreArgs further arguments
	 * @return the process
	 */
	protected JavaProcess startServer(String name, Path socket, String... moreArgs) {
		return this.processes.start(serverBuilder(name, socket, moreArgs));
	}

	protected JavaProcess.Builder serverBuilder(String name, Path socket, String... moreArgs) {
		return JavaProcess.mainClass(name, this.line.serverMain()).args("--grpc.uds.path=" + socket).args(moreArgs);
	}

	protected static String listeningLine(Path socket) {
		return "gRPC server listening on Unix socket " + socket + " (listener 'default')";
	}

	/**
	 * One unary call over a fresh, hand-wired grpc-java channel.
	 * @param socket the socket
	 * @param text the text to echo
	 * @return the echoed text
	 */
	protected static String echo(Path socket, String text) throws InterruptedException {
		return echo(new DomainSocketAddress(socket.toString()), text, Duration.ofSeconds(10));
	}

	/**
	 * One unary call over a fresh, hand-wired grpc-java channel to any socket address.
	 * @param address the socket path, or {@code "\0name"} for an abstract name
	 * @param text the text to echo
	 * @param deadline how long the call may take, connecting included
	 * @return the echoed text
	 */
	protected static String echo(DomainSocketAddress address, String text, Duration deadline) throws InterruptedException {
		try (HandWiredChannel channel = new HandWiredChannel(address)) {
			return EchoGrpc.newBlockingStub(channel.channel())
				.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
				.unary(Calls.request(text))
				.getText();
		}
	}

	protected static long inode(Path path) throws IOException {
		return ((Number) Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
	}

	protected static List<String> namesIn(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
	}

	protected static String millis(Duration duration) {
		return duration.toMillis() + " ms";
	}

}
