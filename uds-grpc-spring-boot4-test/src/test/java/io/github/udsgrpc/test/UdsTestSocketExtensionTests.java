package io.github.udsgrpc.test;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.udsgrpc.socket.SocketPathLimit;
import io.github.udsgrpc.test.app.PingApp4;
import io.github.udsgrpc.test.app.PingClient4;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JUnit 5 extension with Spring Boot 4.1 applications started by the tests, run through the JUnit test kit so
 * that this test can look at the directories after the tests that used them are done.
 */
class UdsTestSocketExtensionTests {

	static final List<UdsTestSocket> perMethod = new CopyOnWriteArrayList<>();

	static final List<UdsTestSocket> perClass = new CopyOnWriteArrayList<>();

	static final List<String> replies = new CopyOnWriteArrayList<>();

	static final List<Boolean> perClassExistedDuringTests = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void runTheNestedTestClass() {
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
			this.classSocket = socket;
			perClass.add(socket);
		}

		@Test
		void servesAndCalls(UdsTestSocket socket) {
			perMethod.add(socket);
			perClassExistedDuringTests.add(Files.isDirectory(this.classSocket.directory()));
			try (ConfigurableApplicationContext app = PingApp4.run("grpc.uds.path=" + socket.path(),
					"spring.grpc.client.channel.ping.target=" + socket.target())) {
				replies.add(app.getBean(PingClient4.class).ping("one"));
			}
		}

		@Test
		void twoParametersAreTwoSockets(UdsTestSocket server, UdsTestSocket other) {
			perMethod.add(server);
			perMethod.add(other);
			perClassExistedDuringTests.add(Files.isDirectory(this.classSocket.directory()));
			try (ConfigurableApplicationContext app = PingApp4.run("grpc.uds.path=" + server.path(),
					"spring.grpc.client.channel.ping.target=" + server.target())) {
				replies.add(app.getBean(PingClient4.class).ping("two"));
			}
		}

	}

}
