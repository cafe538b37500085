package io.github.udsgrpc.sample4;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
 * The sample app started the way a systemd {@code .socket} unit starts it, by {@code systemd-socket-activate} (Debian
 * package systemd): the socket exists before the JVM, the first connection starts the JVM, and the app's listener
 * (declared in code) adopts the socket instead of binding it, for outside callers and its own injected stub alike.
 */
@EnabledOnOs(OS.LINUX)
class SampleApplicationSocketActivationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

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
	void servesOnTheSocketSystemdMadeAndLeavesItInPlace() throws Exception {
		Path socket = this.dir.socket("greeter.sock");
		this.app = JavaProcess.mainClass("sample4-socket-activated", SampleApplication.class)
			.wrappedIn("systemd-socket-activate", "--listen=" + socket, "--fdname=greeter")
			.args("--sample.socket-path=" + socket, "--server.port=0")
			.logDirectory(Path.of("target", "process-tests"))
			.start();
		this.app.awaitSocketFile(socket, TIMEOUT);
		Object inode = Files.getAttribute(socket, "unix:ino", LinkOption.NOFOLLOW_LINKS);

		// Connecting is what makes systemd-socket-activate exec the JVM; the call waits in the socket's backlog.
		assertThat(sayHello(socket, "Ada")).as(this.app.describe()).isEqualTo("Hello, Ada");
		this.app.awaitOutput("Tomcat started on port", TIMEOUT);
		assertThat(this.app.output())
			.contains("gRPC listener 'greeter' adopted the socket " + socket
					+ " inherited from systemd (fd 3 (LISTEN_FDNAMES 'greeter')) instead of binding it")
			.contains("gRPC server listening on Unix socket " + socket + " (listener 'greeter')");

		// The app's own @ImportGrpcClients stub, behind its REST endpoint, goes over the adopted socket too.
		assertThat(httpGet(port(), "/greet?name=Grace")).isEqualTo("Hello, Grace");
		assertThat(Files.getAttribute(socket, "unix:ino", LinkOption.NOFOLLOW_LINKS)).as("not rebound")
			.isEqualTo(inode);

		this.app.sigterm();
		assertThat(this.app.awaitExit(TIMEOUT)).as(this.app.describe()).isIn(0, 143);
		assertThat(Files.getAttribute(socket, "unix:ino", LinkOption.NOFOLLOW_LINKS))
			.as("systemd's socket file outlives the app").isEqualTo(inode);
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
