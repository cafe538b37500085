package io.github.udsgrpc.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.socket.SocketPathLimit;
import io.github.udsgrpc.test.app.PingApp;
import io.github.udsgrpc.test.ping.PingGrpc;
import io.github.udsgrpc.test.ping.PingRequest;
import net.devh.boot.grpc.client.inject.GrpcClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The annotation as a user writes it: the server listens on the socket it made, and a stub injected into the
 * test class calls through it.
 */
@SpringBootTest(classes = PingApp.class)
@AutoConfigureUdsSocket(clients = "ping")
class AutoConfigureUdsSocketTests {

	@GrpcClient("ping")
	private PingGrpc.PingBlockingStub ping;

	@Autowired
	private UdsTestSocket socket;

	@Autowired
	private Environment environment;

	@Test
	void stubOfANamedClientCallsTheServerThroughTheSocket() {
		assertThat(this.environment.getProperty("grpc.client.ping.address")).isEqualTo(this.socket.target())
			.isEqualTo("unix:" + this.socket.path());
		assertThat(this.ping.withDeadlineAfter(1, TimeUnit.MINUTES)
			.ping(PingRequest.newBuilder().setText("hi").build())
			.getText()).isEqualTo("pong hi");
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
