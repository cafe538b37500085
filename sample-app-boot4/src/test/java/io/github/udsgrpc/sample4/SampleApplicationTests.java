package io.github.udsgrpc.sample4;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.udsgrpc.testsupport.ShortTempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as a user runs it: REST in, gRPC over the socket through the injected stub, reply out. The sample
 * declares its listener in code from {@code sample.socket-path}, and its stub's channel target is
 * {@code unix:${sample.socket-path}}, so that one property moves server and client to the test's socket.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests {

	private static final ShortTempDir dir = new ShortTempDir();

	@LocalServerPort
	private int port;

	@Value("${sample.socket-path}")
	private Path socket;

	@DynamicPropertySource
	static void socketPath(DynamicPropertyRegistry registry) {
		registry.add("sample.socket-path", () -> dir.socket("greeter.sock").toString());
	}

	@Test
	void greetsThroughTheSocketAndTheServiceSeesWhoCalled(CapturedOutput output) throws Exception {
		assertThat(get("/greet?name=Ada", String.class)).isEqualTo("Hello, Ada");
		assertThat(this.socket).isEqualTo(dir.socket("greeter.sock"));
		assertThat(Files.exists(this.socket)).isTrue();
		// The stub lives in this JVM, so the caller the kernel reports is this very process.
		Object ownUid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
		assertThat(output.getOut())
			.contains("SayHello from uid " + ownUid + " pid " + ProcessHandle.current().pid());
	}

	@Test
	void streamsThroughTheSocket() {
		assertThat(get("/greet/all?name=Ada", String[].class)).containsExactly("Hello, Ada", "Bonjour, Ada",
				"Hallo, Ada");
	}

	@Test
	void actuatorIsUp() {
		assertThat(get("/actuator/health", String.class)).contains("\"status\":\"UP\"");
	}

	private <T> T get(String path, Class<T> type) {
		return RestClient.create("http://127.0.0.1:" + this.port).get().uri(path).retrieve().body(type);
	}

	/**
	 * Deletes the socket's directory when the context closes, after the server has stopped.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class SocketDirectory {

		@Bean(destroyMethod = "close")
		ShortTempDir socketDirectory() {
			return dir;
		}

	}

}
