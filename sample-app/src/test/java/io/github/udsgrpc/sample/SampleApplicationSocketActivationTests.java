package io.github.udsgrpc.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.udsgrpc.sample.proto.GreeterGrpc;
import io.github.udsgrpc.sample.proto.HelloRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.unix.DomainSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app started the way a systemd {@code .socket} unit starts it, by {@code systemd-socket-activate} (Debian
 * package systemd): the socket exists before the JVM, the first connection starts the JVM, and the app's listener
 * (declared in code) adopts the socket instead of binding it, for outside callers and its own injected stub alike.
 */
@EnabledOnOs(OS.LINUX)
class SampleApplicationSocketActivationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final Path dir = createShortTempDir();

	private Process app;

	@AfterEach
	void stopAndClean() throws Exception {
		if (this.app != null && this.app.isAlive()) {
			this.app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		try (Stream<Path> files = Files.walk(this.dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	@Test
	void servesOnTheSocketSystemdMadeAndLeavesItInPlace() throws Exception {
		Path socket = this.dir.resolve("greeter.sock");
		Path log = this.dir.resolve("app.log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		this.app = new ProcessBuilder("systemd-socket-activate", "--listen=" + socket, "--fdname=greeter", java,
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), SampleApplication.class.getName(),
				"--sample.socket-path=" + socket, "--server.port=0")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		await(() -> Files.exists(socket, LinkOption.NOFOLLOW_LINKS), "systemd-socket-activate to create " + socket, log);
		Object inode = Files.getAttribute(socket, "unix:ino", LinkOption.NOFOLLOW_LINKS);

		// Connecting is what makes systemd-socket-activate exec the JVM; the call waits in the socket's backlog.
		assertThat(sayHello(socket, "Ada")).as(output(log)).isEqualTo("Hello, Ada");
		await(() -> output(log).contains("Tomcat started on port"), "the web server", log);
		assertThat(output(log))
			.contains("gRPC listener 'greeter' adopted the socket " + socket
					+ " inherited from systemd (fd 3 (LISTEN_FDNAMES 'greeter')) instead of binding it")
			.contains("gRPC server listening on Unix socket " + socket + " (listener 'greeter')");

		// The app's own @GrpcClient, behind its REST endpoint, goes over the adopted socket too.
		assertThat(httpGet(port(log), "/greet?name=Grace")).isEqualTo("Hello, Grace");
		assertThat(Files.getAttribute(socket, "unix:ino", LinkOption.NOFOLLOW_LINKS)).as("not rebound")
			.isEqualTo(inode);

		this.app.destroy();
		assertThat(this.app.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as(output(log)).isTrue();
		assertThat(this.app.exitValue()).as(output(log)).isIn(0, 143);
		assertThat(Files.getAttribute(socket, "unix:ino", LinkOption.NOFOLLOW_LINKS))
			.as("systemd's socket file outlives the app").isEqualTo(inode);
	}

	private static String sayHello(Path socket, String name) throws InterruptedException {
		EventLoopGroup group = new EpollEventLoopGroup(1);
		ManagedChannel channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
			.channelType(EpollDomainSocketChannel.class)
			.eventLoopGroup(group)
			.usePlaintext()
			.build();
		try {
			return GreeterGrpc.newBlockingStub(channel)
				.withDeadlineAfter(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
				.sayHello(HelloRequest.newBuilder().setName(name).build())
				.getMessage();
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			group.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(6, TimeUnit.SECONDS);
		}
	}

	private static int port(Path log) {
		Matcher matcher = Pattern.compile("Tomcat started on port (\\d+)").matcher(output(log));
		assertThat(matcher.find()).as(output(log)).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	private static String httpGet(int port, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(TIMEOUT)
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

	private void await(BooleanSupplier condition, String what, Path log) throws InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime() < deadline && this.app.isAlive())
				.as("waiting for " + what + "; output:\n" + output(log))
				.isTrue();
			Thread.sleep(50);
		}
	}

	private static String output(Path log) {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			return "(cannot read " + log + ": " + ex + ")";
		}
	}

	private static Path createShortTempDir() {
		try {
			// Under /tmp: a socket path may be at most 107 bytes on Linux.
			return Files.createTempDirectory(Path.of("/tmp"), "sample-sa");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
