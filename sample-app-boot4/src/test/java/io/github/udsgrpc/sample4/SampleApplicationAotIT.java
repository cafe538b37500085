package io.github.udsgrpc.sample4;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.udsgrpc.sample4.proto.GreeterGrpc;
import io.github.udsgrpc.sample4.proto.HelloRequest;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.JavaProcess;
import io.github.udsgrpc.testsupport.ShortTempDir;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample in Spring AOT mode, the way a native image runs it, but on the JVM: {@code process-aot} ran
 * in the build (bean definitions generated at build time, conditions evaluated then), and the jar is started with
 * {@code -Dspring.aot.enabled=true}, so that the generated initializer, not the annotations, makes the context. It
 * serves the Greeter on the socket, to an outside caller and to its own injected stub behind the REST endpoint.
 * Run by the failsafe plugin, after {@code package}.
 */
@EnabledOnOs(OS.LINUX)
class SampleApplicationAotIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final Path AOT_METADATA = Path.of("target", "spring-aot", "main", "resources", "META-INF",
			"native-image", "io.github.udsgrpc", "sample-app-boot4", "reachability-metadata.json");

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private JavaProcess app;

	@AfterEach
	void stop() {
		if (this.app != null) {
			this.app.close();
		}
	}

	@Test
	void thePackagedAppServesOnTheSocketInAotMode() throws Exception {
		Path socket = this.dir.socket("greeter.sock");
		this.app = JavaProcess.mainClass("sample4-aot", jar(), "org.springframework.boot.loader.launch.JarLauncher")
			.jvmOptions("-Dspring.aot.enabled=true")
			.args("--sample.socket-path=" + socket, "--server.port=0")
			.logDirectory(Path.of("target", "process-tests"))
			.start();
		this.app.awaitOutput("Started SampleApplication", TIMEOUT);
		assertThat(this.app.output()).contains("Starting AOT-processed SampleApplication")
			.contains("gRPC server listening on Unix socket " + socket + " (listener 'greeter')");

		// A call from this JVM over the socket: the service sees this process as the caller.
		assertThat(sayHello(socket, "Ada")).as(this.app.describe()).isEqualTo("Hello, Ada");
		this.app.awaitOutput("SayHello from uid " + ownUid() + " pid " + ProcessHandle.current().pid(), TIMEOUT);

		// The app's own @ImportGrpcClients stub, behind its REST endpoint: the caller is the app itself.
		int port = port();
		assertThat(httpGet(port, "/greet?name=Grace")).isEqualTo("Hello, Grace");
		this.app.awaitOutput("SayHello from uid " + ownUid() + " pid " + this.app.pid(), TIMEOUT);
		assertThat(httpGet(port, "/greet/all?name=Grace"))
			.isEqualTo("[\"Hello, Grace\",\"Bonjour, Grace\",\"Hallo, Grace\"]");

		this.app.sigterm();
		assertThat(this.app.awaitExit(TIMEOUT)).as(this.app.describe()).isIn(0, 143);
		assertThat(socket).as("removed on shutdown").doesNotExist();
	}

	@Test
	void theAotBuildRegisteredTheStartersRuntimeHints() throws IOException {
		String metadata = Files.readString(AOT_METADATA);
		assertThat(metadata).contains("\"io.netty.channel.epoll.Epoll\"")
			.contains("\"io.netty.channel.MultiThreadIoEventLoopGroup\"")
			.contains("\"io.netty.channel.epoll.EpollIoHandler\"")
			.contains("\"io.grpc.internal.GrpcUtil\"")
			.contains("\"org.springframework.grpc.server.GrpcServerFactory\"")
			.contains("\"io.grpc.netty.NettyServerBuilder\"")
			.contains("io.netty.versions.properties");
	}

	private static Path jar() {
		Path jar = Path.of(System.getProperty("sample.jar", "(sample.jar not set: run with the failsafe plugin)"));
		assertThat(jar).as("the repackaged jar").isRegularFile();
		return jar;
	}

	private static Object ownUid() throws IOException {
		return Files.getAttribute(Path.of("/proc/self"), "unix:uid");
	}

	private static String sayHello(Path socket, String name) throws InterruptedException {
		try (HandWiredChannel channel = new HandWiredChannel(socket)) {
			return GreeterGrpc.newBlockingStub(channel.channel())
				.withDeadlineAfter(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
				.sayHello(HelloRequest.newBuilder().setName(name).build())
				.getMessage();
		}
	}

	private int port() {
		Matcher matcher = Pattern.compile("Tomcat started on port (\\d+)").matcher(this.app.output());
		assertThat(matcher.find()).as(this.app.describe()).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	private static String httpGet(int port, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(TIMEOUT)
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

}
