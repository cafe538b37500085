package io.github.udsgrpc.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

import io.github.udsgrpc.socket.SocketPathLimit;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The annotation as a user of one line writes it: the server listens on the socket it made. Shared by both Spring
 * Boot lines: each line's module runs it through a subclass that adds {@code @SpringBootTest} with its line's
 * application, names its {@link PingLine}, and calls through stubs the way that line's users inject them.
 */
@AutoConfigureUdsSocket(clients = "ping")
abstract class AbstractAutoConfigureUdsSocketTests {

	private final PingLine line;

	@Autowired
	protected UdsTestSocket socket;

	@Autowired
	protected Environment environment;

	/**
	 * Creates the tests for a Spring Boot line.
	 * @param line the line's ping application, the one the subclass's {@code @SpringBootTest} names
	 */
	protected AbstractAutoConfigureUdsSocketTests(PingLine line) {
		this.line = line;
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

	/**
	 * Checks that the line's property of the client named {@code ping} is the socket's target, and that the other
	 * line's property is left alone.
	 */
	protected void assertThatThePingClientsPropertyIsTheSocketsTarget() {
		assertThat(this.environment.getProperty(this.line.clientTargetProperty("ping"))).isEqualTo(this.socket.target())
			.isEqualTo("unix:" + this.socket.path());
		// The other line's client is not on this class path: its property is left alone.
		assertThat(this.environment.getProperty(this.line.otherLineClientTargetProperty("ping"))).isNull();
	}

}
