package io.github.udsgrpc.testsupport;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sample app started the way a systemd {@code .socket} unit starts it, by {@code systemd-socket-activate} (Debian
 * package systemd): the socket exists before the JVM, the first connection starts the JVM, and the app's listener
 * (declared in code) adopts the socket instead of binding it, for outside callers and its own injected stub alike.
 * Each sample runs it with its own application class and Greeter stubs.
 */
@EnabledOnOs(OS.LINUX)
public abstract class AbstractSampleSocketActivationTests extends AbstractSampleProcessTests {

	private final Class<?> mainClass;

	/**
	 * The scenario for a sample.
	 * @param name the name of the process, for messages and its log file
	 * @param mainClass the sample's application class
	 * @param greeter the sample's Greeter call
	 */
	protected AbstractSampleSocketActivationTests(String name, Class<?> mainClass, Greeter greeter) {
		super(name, greeter);
		this.mainClass = mainClass;
	}

	@Test
	void servesOnTheSocketSystemdMadeAndLeavesItInPlace() throws Exception {
		Path socket = this.dir.socket("greeter.sock");
		start(JavaProcess.mainClass(name(), this.mainClass)
			.wrappedIn("systemd-socket-activate", "--listen=" + socket, "--fdname=greeter"), socket);
		this.app.awaitSocketFile(socket, TIMEOUT);
		Object inode = Files.getAttribute(socket, "unix:ino", LinkOption.NOFOLLOW_LINKS);

		// Connecting is what makes systemd-socket-activate exec the JVM; the call waits in the socket's backlog.
		assertThat(sayHello(socket, "Ada")).as(this.app.describe()).isEqualTo("Hello, Ada");
		this.app.awaitOutput("Tomcat started on port", TIMEOUT);
		assertThat(this.app.output())
			.contains("gRPC listener 'greeter' adopted the socket " + socket
					+ " inherited from systemd (fd 3 (LISTEN_FDNAMES 'greeter')) instead of binding it")
			.contains("gRPC server listening on Unix socket " + socket + " (listener 'greeter')");

		// The app's own injected stub, behind its REST endpoint, goes over the adopted socket too.
		assertThat(httpGet(port(), "/greet?name=Grace")).isEqualTo("Hello, Grace");
		assertThat(Files.getAttribute(socket, "unix:ino", LinkOption.NOFOLLOW_LINKS)).as("not rebound")
			.isEqualTo(inode);

		this.app.sigterm();
		assertThat(this.app.awaitExit(TIMEOUT)).as(this.app.describe()).isIn(0, 143);
		assertThat(Files.getAttribute(socket, "unix:ino", LinkOption.NOFOLLOW_LINKS))
			.as("systemd's socket file outlives the app").isEqualTo(inode);
	}

}
