package io.github.udsgrpc.sample;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.udsgrpc.test.AutoConfigureUdsSocket;
import io.github.udsgrpc.test.UdsTestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as a user runs it: REST in, gRPC over the socket through the injected stub, reply out. The sample
 * declares its listener in code from {@code sample.socket-path}, so that is the property the test socket goes to.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureUdsSocket(pathProperty = "sample.socket-path", clients = "greeter")
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests {

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private UdsTestSocket socket;

	@Test
	void greetsThroughTheSocketAndTheServiceSeesWhoCalled(CapturedOutput output) throws Exception {
		assertThat(this.rest.getForObject("/greet?name=Ada", String.class)).isEqualTo("Hello, Ada");
		assertThat(Files.exists(this.socket.path())).isTrue();
		// The stub lives in this JVM, so the caller the kernel reports is this very process.
		Object ownUid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
		assertThat(output.getOut())
			.contains("SayHello from uid " + ownUid + " pid " + ProcessHandle.current().pid());
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

}
