package io.github.udsgrpc.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as a user runs it: REST in, gRPC over the socket through the injected stub, reply out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	// Under /tmp, not the build folder: a socket path may be at most 107 bytes on Linux.
	private static final Path SOCKET_DIR = createShortTempDir();

	@Autowired
	private TestRestTemplate rest;

	@DynamicPropertySource
	static void socketPath(DynamicPropertyRegistry registry) {
		registry.add("sample.socket-path", () -> SOCKET_DIR.resolve("greeter.sock").toString());
	}

	@AfterAll
	static void removeDir() throws IOException {
		Files.deleteIfExists(SOCKET_DIR.resolve("greeter.sock"));
		Files.deleteIfExists(SOCKET_DIR);
	}

	@Test
	void greetsThroughTheSocket() {
		assertThat(this.rest.getForObject("/greet?name=Ada", String.class)).isEqualTo("Hello, Ada");
		assertThat(Files.exists(SOCKET_DIR.resolve("greeter.sock"))).isTrue();
	}

	@Test
	void streamsThroughTheSocket() {
		assertThat(this.rest.getForObject("/greet/all?name=Ada", String[].class)).containsExactly("Hello, Ada",
				"Bonjour, Ada", "Hallo, Ada");
	}

	@Test
	void actuatorIsUp() {
		assertThat(this.rest.getForObject("/actuator/health", String.class)).contains("\"status\":\"UP\"");
	}

	private static Path createShortTempDir() {
		try {
			return Files.createTempDirectory(Files.isDirectory(Path.of("/tmp")) ? Path.of("/tmp")
					: Path.of(System.getProperty("java.io.tmpdir")), "sample");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
