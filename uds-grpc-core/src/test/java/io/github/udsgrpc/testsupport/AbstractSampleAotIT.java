package io.github.udsgrpc.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A packaged sample app in Spring AOT mode, the way a native image runs it, but on the JVM: {@code process-aot} ran
 * in the build (bean definitions generated at build time, conditions evaluated then), and the jar is started with
 * {@code -Dspring.aot.enabled=true}, so that the generated initializer, not the annotations, makes the context. It
 * serves the Greeter on the socket, to an outside caller and to its own injected stub behind the REST endpoint.
 * Each sample runs it with its own Greeter stubs, by the failsafe plugin after {@code package}, with the jar's path in
 * the system property {@code sample.jar}.
 */
@EnabledOnOs(OS.LINUX)
public abstract class AbstractSampleAotIT extends AbstractSampleProcessTests {

	/**
	 * The scenario for a sample.
	 * @param name the name of the process, for messages and its log file
	 * @param greeter the sample's Greeter call
	 */
	protected AbstractSampleAotIT(String name, Greeter greeter) {
		super(name, greeter);
	}

	@Test
	void thePackagedAppServesOnTheSocketInAotMode() throws Exception {
		Path socket = this.dir.socket("greeter.sock");
		start(JavaProcess.mainClass(name(), jar(), "org.springframework.boot.loader.launch.JarLauncher")
			.jvmOptions("-Dspring.aot.enabled=true"), socket);
		this.app.awaitOutput("Started SampleApplication", TIMEOUT);
		assertThat(this.app.output()).contains("Starting AOT-processed SampleApplication")
			.contains("gRPC server listening on Unix socket " + socket + " (listener 'greeter')");

		// A call from this JVM over the socket: the service sees this process as the caller.
		assertThat(sayHello(socket, "Ada")).as(this.app.describe()).isEqualTo("Hello, Ada");
		this.app.awaitOutput("SayHello from uid " + ownUid() + " pid " + ProcessHandle.current().pid(), TIMEOUT);

		// The app's own injected stub, behind its REST endpoint: the caller is the app itself.
		int port = port();
		assertThat(httpGet(port, "/greet?name=Grace")).isEqualTo("Hello, Grace");
		this.app.awaitOutput("SayHello from uid " + ownUid() + " pid " + this.app.pid(), TIMEOUT);
		assertThat(httpGet(port, "/greet/all?name=Grace"))
			.isEqualTo("[\"Hello, Grace\",\"Bonjour, Grace\",\"Hallo, Grace\"]");

		this.app.sigterm();
		assertThat(this.app.awaitExit(TIMEOUT)).as(this.app.describe()).isIn(0, 143);
		assertThat(socket).as("removed on shutdown").doesNotExist();
	}

	private static Path jar() {
		Path jar = Path.of(System.getProperty("sample.jar", "(sample.jar not set: run with the failsafe plugin)"));
		assertThat(jar).as("the repackaged jar").isRegularFile();
		return jar;
	}

	private static Object ownUid() throws IOException {
		return Files.getAttribute(Path.of("/proc/self"), "unix:uid");
	}

}
