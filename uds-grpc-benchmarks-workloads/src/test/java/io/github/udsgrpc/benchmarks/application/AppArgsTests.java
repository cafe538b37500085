package io.github.udsgrpc.benchmarks.application;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AppArgs}: the command line the harness gives every application JVM.
 */
class AppArgsTests {

	@Test
	void readsEveryPositionalArgumentAndThePropertiesInOrder() {
		AppArgs app = AppArgs.parse(new String[] { "client", "starter-uds", "/tmp/b/bench.sock", "4711", "1234", "20",
				"bench.web=false", "grpc.uds.non-blocking-methods=udsgrpc.bench.Bench/*", "a=b=c", "empty=" });
		assertThat(app.client()).isTrue();
		assertThat(app.kind()).isEqualTo("starter-uds");
		assertThat(app.socket()).isEqualTo(Path.of("/tmp/b/bench.sock"));
		assertThat(app.port()).isEqualTo(4711);
		assertThat(app.serverPid()).isEqualTo(1234L);
		assertThat(app.connectCount()).isEqualTo(20);
		assertThat(app.properties()).containsExactly(Map.entry("bench.web", "false"),
				Map.entry("grpc.uds.non-blocking-methods", "udsgrpc.bench.Bench/*"), Map.entry("a", "b=c"),
				Map.entry("empty", ""));
	}

	@Test
	void aServerWithoutProperties() {
		AppArgs app = AppArgs.parse(new String[] { "server", "boot4-tcp", "/s", "0", "0", "5" });
		assertThat(app.client()).isFalse();
		assertThat(app.kind()).isEqualTo("boot4-tcp");
		assertThat(app.properties()).isEmpty();
	}

	@Test
	void rejectsAShortCommandLineOrAnUnknownRole() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AppArgs.parse(new String[] { "server", "starter-uds", "/s", "0", "0" }))
			.withMessageStartingWith("Usage: server|client KIND SOCKET PORT SERVER_PID CONNECT_COUNT");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AppArgs.parse(new String[] { "both", "starter-uds", "/s", "0", "0", "5" }))
			.withMessageStartingWith("Usage: ");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AppArgs.parse(new String[] { "server", "starter-uds", "/s", "port", "0", "5" }));
	}

	@Test
	void aLayerIsOnUnlessGivenAsFalse() {
		AppArgs app = AppArgs.parse(new String[] { "server", "starter-uds", "/s", "0", "0", "5",
				"bench.web=FALSE", "bench.metrics=no", "bench.observations=true" });
		assertThat(app.layer("bench.web")).isFalse();
		assertThat(app.layer("bench.metrics")).isTrue();
		assertThat(app.layer("bench.observations")).isTrue();
		assertThat(app.layer("bench.actuator")).isTrue();
	}

}
