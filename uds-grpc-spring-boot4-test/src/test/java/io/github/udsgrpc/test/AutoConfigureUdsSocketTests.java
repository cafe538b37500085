package io.github.udsgrpc.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.socket.SocketPathLimit;
import io.github.udsgrpc.test.app.PingApp4;
import io.github.udsgrpc.test.ping.PingGrpc;
import io.github.udsgrpc.test.ping.PingRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.grpc.client.GrpcChannelFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The annotation as a Spring Boot 4.1 user writes it: the server listens on the socket it made, and a stub of
 * {@code @ImportGrpcClients} injected into the test class, or one over a channel of {@link GrpcChannelFactory}, calls
 * through it.
 */
@SpringBootTest(classes = PingApp4.class)
@AutoConfigureUdsSocket(clients = "ping")
class AutoConfigureUdsSocketTests {

	@Autowired
	private PingGrpc.PingBlockingStub ping;

	@Autowired
	private GrpcChannelFactory channels;

	@Autowired
	private UdsTestSocket socket;

	@Autowired
	private Environment environment;

	@Test
	void stubOfANamedChannelCallsTheServerThroughTheSocket() {
		assertThat(this.environment.getProperty("spring.grpc.client.channel.ping.target"))
			.isEqualTo(this.socket.target())
			.isEqualTo("unix:" + this.socket.path());
		// net.devh's client is not on this class path: its property is left alone.
		assertThat(this.environment.getProperty("grpc.client.ping.address")).isNull();
		assertThat(this.ping.withDeadlineAfter(1, TimeUnit.MINUTES)
			.ping(PingRequest.newBuilder().setText("hi").build())
			.getText()).isEqualTo("pong hi");
	}

	@Test
	void channelOfTheChannelFactoryByNameCallsTheServerThroughTheSocket() {
		// The context closes the channel.
		assertThat(PingGrpc.newBlockingStub(this.channels.createChannel("ping"))
			.withDeadlineAfter(1, TimeUnit.MINUTES)
			.ping(PingRequest.newBuilder().setText("by name").build())
			.getText()).isEqualTo("pong by name");
	}

	@Test
	void serverListensOnAShortPathInAPrivateDirectory() throws IOException {
		assertThat(this.environment.getProperty("grpc.uds.path")).isEqualTo(this.socket.path().toString());
		assertThat(this.socket.path().getParent()).isEqualTo(this.socket.directory());
		assertThat(SocketPathLimit.length(this.socket.path())).isLessThanOrEqualTo(SocketPathLimit.current());
		// "other": neither a regular file, a directory nor a link; here, the server's socket.
		assertThat(Files.readAttributes(this.socket.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
			.isOther()).isTrue();
		assertThat(Files.getPosixFilePermissions(this.socket.directory()))
			.isEqualTo(PosixFilePermissions.fromString("rwx------"));
	}

}
