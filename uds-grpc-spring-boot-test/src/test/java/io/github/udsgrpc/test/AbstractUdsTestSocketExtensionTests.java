package io.github.udsgrpc.test;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.udsgrpc.socket.SocketPathLimit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The JUnit 5 extension with one line's applications started by the tests, run through the JUnit test kit so that
 * this test can look at the directories after the tests that used them are done. Shared by both Spring Boot lines:
 * each line's module runs it through a subclass that names its {@link PingLine}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractUdsTestSocketExtensionTests {

	static final List<UdsTestSocket> perMethod = new CopyOnWriteArrayList<>();

	static final List<UdsTestSocket> perClass = new CopyOnWriteArrayList<>();

	static final List<String> replies = new CopyOnWriteArrayList<>();

	static final List<Boolean> perClassExistedDuringTests = new CopyOnWriteArrayList<>();

	/** The line whose application the nested class runs, set before it runs. */
	static volatile PingLine line;

	private final PingLine ownLine;

	/**
	 * Creates the tests for a Spring Boot line.
	 * @param line the line's ping application
	 */
	protected AbstractUdsTestSocketExtensionTests(PingLine line) {
		this.ownLine = line;
	}

	@BeforeAll
	void runTheNestedTestClass() {
		line = this.ownLine;
		perMethod.clear();
		perClass.clear();
		replies.clear();
		perClassExistedDuringTests.clear();
		NestedTestClasses.runAndExpectSuccess(2, ServersStartedByTestMethods.class);
	}

	@Test
	void eachParameterIsAFreshShortSocketThatAServerListensOnAndAClientReaches() {
		assertThat(perMethod).hasSize(3);
		assertThat(perMethod).extracting(UdsTestSocket::directory).doesNotHaveDuplicates();
		assertThat(perMethod).allSatisfy((socket) -> assertThat(SocketPathLimit.length(socket.path()))
			.isLessThanOrEqualTo(SocketPathLimit.current()));
		assertThat(replies).containsExactlyInAnyOrder("pong one", "pong two");
	}

	@Test
	void methodDirectoriesAreGoneAfterTheirMethodAndClassDirectoriesAfterTheClass() {
		assertThat(perMethod).allSatisfy((socket) -> assertThat(socket.directory()).doesNotExist());
		assertThat(perClass).hasSize(1);
		assertThat(perClassExistedDuringTests).containsExactly(true, true);
		assertThat(perClass.get(0).directory()).doesNotExist();
	}

	@ExtendWith(UdsTestSocketExtension.class)
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	static class ServersStartedByTestMethods {

		private UdsTestSocket classSocket;

		@BeforeAll
		void keep(UdsTestSocket socket) {
			// Picked on its own (e.g. by -Dtest=...), it does not know the line: skipped.
			assumeTrue(line != null, "run by a subclass of AbstractUdsTestSocketExtensionTests");
			this.classSocket = socket;
			perClass.add(socket);
		}

		@Test
		void servesAndCalls(UdsTestSocket socket) {
			perMethod.add(socket);
			perClassExistedDuringTests.add(Files.isDirectory(this.classSocket.directory()));
			replies.add(serveAndPing(socket, "one"));
		}

		@Test
		void twoParametersAreTwoSockets(UdsTestSocket server, UdsTestSocket other) {
			perMethod.add(server);
			perMethod.add(other);
			perClassExistedDuringTests.add(Files.isDirectory(this.classSocket.directory()));
			replies.add(serveAndPing(server, "two"));
		}

		private static String serveAndPing(UdsTestSocket socket, String text) {
			try (ConfigurableApplicationContext app = line.run("grpc.uds.path=" + socket.path(),
					line.clientTargetProperty("ping") + "=" + socket.target())) {
				return line.ping(app, text);
			}
		}

	}

}
