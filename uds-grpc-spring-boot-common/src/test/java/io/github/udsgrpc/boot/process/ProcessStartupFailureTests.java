package io.github.udsgrpc.boot.process;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import io.github.udsgrpc.testsupport.JavaProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server process that cannot put its socket in place stops with Spring Boot's failure analysis and a non-zero
 * exit code, and leaves what is at the path alone.
 */
public abstract class ProcessStartupFailureTests extends AbstractProcessTests {

	protected ProcessStartupFailureTests(BootLine line) {
		super(line);
	}

	/** A failed start takes about as long as a successful one. */
	private static final Duration FAILURE_BOUND = Duration.ofSeconds(45);

	@Test
	void secondInstanceOnALiveServersPathFailsAndTheFirstKeepsServing() throws Exception {
		Path socket = this.dir.socket("echo.sock");
		JavaProcess first = startServer("first", socket).awaitOutput(listeningLine(socket), START_TIMEOUT);
		assertThat(echo(socket, "first")).isEqualTo("first");
		long inode = inode(socket);

		JavaProcess second = startServer("second", socket);
		int exitCode = second.awaitExitWithout(listeningLine(socket), FAILURE_BOUND);
		System.out.printf("[process-tests] second instance exited with %d after %d ms%n", exitCode,
				second.sinceStart().toMillis());

		assertThat(exitCode).as(second.describe()).isNotZero();
		assertThat(second.output()).as(second.describe())
			.contains("APPLICATION FAILED TO START")
			.contains("Socket " + socket + " (listener 'default'): in use by a live server")
			.contains("Action:")
			.doesNotContain(listeningLine(socket));
		assertThat(first.isAlive()).as(first.describe()).isTrue();
		assertThat(inode(socket)).as("the first server's socket file is untouched").isEqualTo(inode);
		assertThat(echo(socket, "first, still")).isEqualTo("first, still");
		assertThat(namesIn(this.dir.path())).as("no private directory left behind").containsExactly("echo.sock");
	}

	@Test
	void regularFileAtThePathStopsTheStartAndIsLeftAlone() throws Exception {
		Path path = this.dir.socket("echo.sock");
		byte[] content = "not a socket: precious data\n".getBytes(StandardCharsets.UTF_8);
		Files.write(path, content);
		FileTime mtime = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));
		Files.setLastModifiedTime(path, mtime);
		long inode = inode(path);

		JavaProcess server = startServer("server", path);
		int exitCode = server.awaitExitWithout(listeningLine(path), FAILURE_BOUND);

		assertThat(exitCode).as(server.describe()).isNotZero();
		assertThat(server.output()).as(server.describe())
			.contains("APPLICATION FAILED TO START")
			.contains("Socket " + path + " (listener 'default'): the path is taken by a regular file of "
					+ content.length + " bytes, not a socket")
			.contains("Action:");
		assertThat(Files.isRegularFile(path)).isTrue();
		assertThat(Files.readAllBytes(path)).isEqualTo(content);
		assertThat(Files.size(path)).isEqualTo(content.length);
		assertThat(Files.getLastModifiedTime(path)).isEqualTo(mtime);
		assertThat(inode(path)).isEqualTo(inode);
		assertThat(namesIn(this.dir.path())).containsExactly("echo.sock");
	}

	@Test
	void tooLongPathStopsTheStartWithTheLimitInTheMessage() throws Exception {
		Path subdirectory = this.dir.path().resolve("sub");
		String prefix = subdirectory + "/";
		Path path = Path.of(prefix + "s".repeat(120 - prefix.length()));
		assertThat(path.toString().getBytes(StandardCharsets.UTF_8)).hasSize(120);

		JavaProcess server = startServer("server", path);
		int exitCode = server.awaitExitWithout(listeningLine(path), FAILURE_BOUND);

		assertThat(exitCode).as(server.describe()).isNotZero();
		assertThat(server.output()).as(server.describe())
			.contains("APPLICATION FAILED TO START")
			.contains("path " + path + " is 120 bytes long, and a Unix socket path may be at most 107 bytes")
			.contains("Action:")
			.contains("Use a shorter socket path");
		assertThat(subdirectory).as("no directory created for a path that cannot work").doesNotExist();
		assertThat(namesIn(this.dir.path())).isEmpty();
	}

}
