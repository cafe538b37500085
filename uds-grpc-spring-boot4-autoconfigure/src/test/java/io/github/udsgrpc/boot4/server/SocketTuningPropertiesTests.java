package io.github.udsgrpc.boot4.server;

import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import io.github.udsgrpc.boot4.testsupport.Causes;
import io.github.udsgrpc.boot4.testsupport.EchoApp4;
import io.github.udsgrpc.socket.SocketFileException;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.RawHttp2;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.client.GrpcChannelFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code grpc.uds.flow-control-window} and {@code grpc.uds.create-directories} observed in Spring Boot 4.1
 * applications, as the core's tests observe them: the HTTP/2 SETTINGS the socket server and a socket channel send
 * first, read by a plain JDK socket, and the directories at the socket's path.
 */
@ExtendWith(OutputCaptureExtension.class)
class SocketTuningPropertiesTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	/** grpc-java's default initial window: 1 MiB. */
	private static final long DEFAULT_WINDOW = 1024 * 1024;

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	@Test
	void theServerAnnouncesTheFlowControlWindowOfTheProperty() throws Exception {
		Path socket = this.dir.socket("window.sock");
		try (ConfigurableApplicationContext context = EchoApp4.run("grpc.uds.path=" + socket,
				"grpc.uds.flow-control-window=4MB")) {
			assertThat(initialWindowSizeOfServer(socket)).isEqualTo(4 * 1024 * 1024);
		}
	}

	@Test
	void withoutThePropertyTheServerAnnouncesGrpcJavasDefaultWindow() throws Exception {
		Path socket = this.dir.socket("default.sock");
		try (ConfigurableApplicationContext context = EchoApp4.run("grpc.uds.path=" + socket)) {
			assertThat(initialWindowSizeOfServer(socket)).isEqualTo(DEFAULT_WINDOW);
		}
	}

	@Test
	void aSocketChannelOfTheContextAnnouncesTheFlowControlWindowOfTheProperty() throws Exception {
		Path server = this.dir.socket("app.sock");
		Path raw = this.dir.socket("raw.sock");
		try (ConfigurableApplicationContext context = EchoApp4.run("grpc.uds.path=" + server,
				"grpc.uds.flow-control-window=2MB", "spring.grpc.client.channel.raw.target=unix:" + raw);
				ServerSocketChannel listener = RawHttp2.listen(raw)) {
			ManagedChannel channel = context.getBean(GrpcChannelFactory.class).createChannel("raw");
			channel.getState(true); // connect
			try (SocketChannel accepted = RawHttp2.accept(listener, WAIT)) {
				assertThat(RawHttp2.read(accepted, RawHttp2.PREFACE.length, WAIT)).isEqualTo(RawHttp2.PREFACE);
				RawHttp2.Frame settings = RawHttp2.readFrame(accepted, WAIT);
				assertThat(settings.type()).as("the frame after the preface").isEqualTo(RawHttp2.SETTINGS);
				assertThat(settings.settings()).containsEntry(RawHttp2.SETTINGS_INITIAL_WINDOW_SIZE, 2L * 1024 * 1024);
			}
		}
	}

	@Test
	void aMissingDirectoryIsCreatedByDefault() throws Exception {
		Path socket = this.dir.socket("made/here/x.sock");
		try (ConfigurableApplicationContext context = EchoApp4.run("grpc.uds.path=" + socket)) {
			try (HandWiredChannel channel = new HandWiredChannel(socket)) {
				assertThat(EchoGrpc.newBlockingStub(channel.channel()).unary(Calls.request("made")).getText())
					.isEqualTo("made");
			}
			assertThat(Files.getPosixFilePermissions(this.dir.socket("made")))
				.isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
			assertThat(Files.getPosixFilePermissions(this.dir.socket("made/here")))
				.isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
		}
		assertThat(socket).doesNotExist();
	}

	@Test
	void aMissingDirectoryStopsStartupWhenItMayNotBeCreated(CapturedOutput output) {
		Path socket = this.dir.socket("absent/x.sock");
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> EchoApp4.run("grpc.uds.path=" + socket, "grpc.uds.create-directories=false").close())
			.satisfies((ex) -> assertThat(Causes.find(ex, SocketFileException.class).getReason())
				.isEqualTo(SocketFileException.Reason.DIRECTORY_MISSING));
		assertThat(socket.getParent()).doesNotExist();
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START").contains(socket.getParent().toString());
	}

	/**
	 * Speaks HTTP/2 to the server from a plain JDK socket and reads SETTINGS_INITIAL_WINDOW_SIZE from its first
	 * SETTINGS frame.
	 */
	private static long initialWindowSizeOfServer(Path socket) throws Exception {
		try (SocketChannel client = RawHttp2.connect(socket)) {
			RawHttp2.write(client, RawHttp2.PREFACE);
			RawHttp2.write(client, RawHttp2.EMPTY_SETTINGS);
			RawHttp2.Frame settings = RawHttp2.readSettings(client, WAIT);
			assertThat(settings.streamId()).isZero();
			assertThat(settings.settings()).containsKey(RawHttp2.SETTINGS_INITIAL_WINDOW_SIZE);
			return settings.settings().get(RawHttp2.SETTINGS_INITIAL_WINDOW_SIZE);
		}
	}

}
