package io.github.udsgrpc.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.udsgrpc.socket.SocketPathLimit;
import io.github.udsgrpc.test.app.PingApp4;
import io.github.udsgrpc.test.app.PingClient4;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot 4.1 application's test, run in a JVM of its own (surefire execution {@code deep-tmpdir}) whose
 * {@code java.io.tmpdir} and {@code TMPDIR} are a directory deep inside the build folder, too deep for any socket;
 * the sockets must go elsewhere, and the calls must still work. Elsewhere (e.g. picked by {@code -Dtest=...} in the default
 * execution) it is disabled: its premise would not hold.
 */
@EnabledIfSystemProperty(named = "udsgrpc.deep-tmpdir", matches = "true")
@SpringBootTest(classes = PingApp4.class)
@AutoConfigureUdsSocket(clients = "ping")
@ExtendWith(UdsTestSocketExtension.class)
class DeepTmpdirTests {

	private static Path tmpdir;

	@Autowired
	private UdsTestSocket contextSocket;

	@Autowired
	private PingClient4 client;

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
		assertThat(this.client.ping("deep")).isEqualTo("pong deep");
	}

	@Test
	void extensionParameterIsAShortSocketElsewhere(UdsTestSocket parameter) {
		assertThat(parameter.path().startsWith(tmpdir)).isFalse();
		assertThat(parameter.directory()).isDirectory();
		assertThat(SocketPathLimit.length(parameter.path())).isLessThanOrEqualTo(SocketPathLimit.current());
	}

}
