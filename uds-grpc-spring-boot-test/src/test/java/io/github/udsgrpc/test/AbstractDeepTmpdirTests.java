package io.github.udsgrpc.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.udsgrpc.socket.SocketPathLimit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One line's application test, run in a JVM of its own (surefire execution {@code deep-tmpdir}, which runs the
 * {@code DeepTmpdirTests} subclass of each line's module) whose {@code java.io.tmpdir} and {@code TMPDIR} are a
 * directory deep inside the build folder, too deep for any socket; the sockets must go elsewhere, and the calls must
 * still work. Elsewhere (e.g. picked by {@code -Dtest=...} in the default execution) it must be disabled, as its
 * premise would not hold. Subclasses carry {@code @EnabledIfSystemProperty(named = "udsgrpc.deep-tmpdir",
 * matches = "true")} for that (JUnit does not inherit it) and {@code @SpringBootTest} with their line's application,
 * and name their {@link PingLine}.
 */
@AutoConfigureUdsSocket(clients = "ping")
@ExtendWith(UdsTestSocketExtension.class)
abstract class AbstractDeepTmpdirTests {

	private static Path tmpdir;

	private final PingLine line;

	@Autowired
	private UdsTestSocket contextSocket;

	@Autowired
	private ApplicationContext context;

	/**
	 * Creates the tests for a Spring Boot line.
	 * @param line the line's ping application, the one the subclass's {@code @SpringBootTest} names
	 */
	protected AbstractDeepTmpdirTests(PingLine line) {
		this.line = line;
	}

	@BeforeAll
	static void tmpdirIsTooDeepForASocket() throws IOException {
		tmpdir = Path.of(System.getProperty("java.io.tmpdir"));
		assertThat(System.getenv("TMPDIR")).isEqualTo(tmpdir.toString());
		assertThat(SocketPathLimit.length(tmpdir)).isGreaterThan(SocketPathLimit.LINUX);
		// It exists, so it is refused for its length, not for being missing.
		Files.createDirectories(tmpdir);
	}

	@Test
	void annotatedContextGetsAShortSocketElsewhereAndItsClientCallsThroughIt() {
		assertThat(this.contextSocket.path().startsWith(tmpdir)).isFalse();
		assertThat(SocketPathLimit.length(this.contextSocket.path())).isLessThanOrEqualTo(SocketPathLimit.current());
		assertThat(this.line.ping(this.context, "deep")).isEqualTo("pong deep");
	}

	@Test
	void extensionParameterIsAShortSocketElsewhere(UdsTestSocket parameter) {
		assertThat(parameter.path().startsWith(tmpdir)).isFalse();
		assertThat(parameter.directory()).isDirectory();
		assertThat(SocketPathLimit.length(parameter.path())).isLessThanOrEqualTo(SocketPathLimit.current());
	}

}
