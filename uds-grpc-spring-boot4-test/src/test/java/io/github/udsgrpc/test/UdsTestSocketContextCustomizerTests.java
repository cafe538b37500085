package io.github.udsgrpc.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.github.udsgrpc.socket.SocketPathLimit;
import io.github.udsgrpc.test.SocketDirectories.Candidate;
import io.github.udsgrpc.test.app.PingApp4;
import io.github.udsgrpc.test.app.PingClient4;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The customizer applied to real Spring Boot 4.1 applications the way Spring Boot's test context loader applies it
 * (as an initializer of the SpringApplication), with socket directories under a base of the test's own.
 */
@ExtendWith(OutputCaptureExtension.class)
class UdsTestSocketContextCustomizerTests {

	private Path base;

	@BeforeEach
	void createBase() throws IOException {
		this.base = Files.createTempDirectory(Path.of("/tmp"), "uct");
	}

	@AfterEach
	void deleteBase() {
		UdsTestSocket.deleteTree(this.base);
	}

	@Test
	void directoryIsMadeWhenTheContextIsCreatedAndDeletedWhenItCloses() {
		UdsTestSocketContextCustomizer customizer = customizer("grpc.uds.path", List.of("ping"), this.base);
		assertThat(this.base).isEmptyDirectory();
		try (ConfigurableApplicationContext context = run(customizer)) {
			UdsTestSocket socket = context.getBean(UdsTestSocket.class);
			assertThat(children(this.base)).containsExactly(socket.directory());
			assertThat(context.getBean(PingClient4.class).ping("hi")).isEqualTo("pong hi");
		}
		assertThat(this.base).isEmptyDirectory();
	}

	@Test
	void eachContextOfOneCustomizerGetsItsOwnDirectory() {
		UdsTestSocketContextCustomizer customizer = customizer("grpc.uds.path", List.of("ping"), this.base);
		try (ConfigurableApplicationContext first = run(customizer);
				ConfigurableApplicationContext second = run(customizer)) {
			assertThat(first.getBean(UdsTestSocket.class).path())
				.isNotEqualTo(second.getBean(UdsTestSocket.class).path());
			assertThat(children(this.base)).hasSize(2);
			assertThat(first.getBean(PingClient4.class).ping("first")).isEqualTo("pong first");
			assertThat(second.getBean(PingClient4.class).ping("second")).isEqualTo("pong second");
		}
		assertThat(this.base).isEmptyDirectory();
	}

	@Test
	void namedClientsGetSpringBootsChannelTargetOnly() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			customizer("app.socket", List.of("a", "b"), this.base).customizeContext(context, null);
			context.refresh();
			UdsTestSocket socket = context.getBean(UdsTestSocket.class);
			assertThat(context.getEnvironment().getProperty("app.socket")).isEqualTo(socket.path().toString());
			assertThat(context.getEnvironment().getProperty("grpc.uds.path")).isNull();
			assertThat(context.getEnvironment().getProperty("spring.grpc.client.channel.a.target"))
				.isEqualTo(socket.target());
			assertThat(context.getEnvironment().getProperty("spring.grpc.client.channel.b.target"))
				.isEqualTo(socket.target());
			assertThat(context.getEnvironment().getProperty("grpc.client.a.address")).isNull();
		}
		assertThat(this.base).isEmptyDirectory();
	}

	@Test
	void noShortDirectoryFailsStartupWithAFailureAnalysisNamingTheDirectoriesTried(CapturedOutput output)
			throws IOException {
		Path deep = Files.createDirectories(this.base.resolve("d".repeat(50)).resolve("e".repeat(50)));
		UdsTestSocketContextCustomizer customizer = customizer("grpc.uds.path", List.of("ping"), deep);
		assertThatExceptionOfType(NoShortSocketDirectoryException.class).isThrownBy(() -> run(customizer).close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("No directory for a test socket: a Unix socket path may have at most "
					+ SocketPathLimit.LINUX + " bytes")
			.contains("java.io.tmpdir (" + deep + "): " + SocketPathLimit.length(deep) + " bytes, too long")
			.contains("Action:")
			.contains("Point TMPDIR, or java.io.tmpdir (-Djava.io.tmpdir=...), at a writable directory of at most");
		assertThat(deep).isEmptyDirectory();
	}

	private UdsTestSocketContextCustomizer customizer(String pathProperty, List<String> clients, Path base) {
		return new UdsTestSocketContextCustomizer("grpc.sock", pathProperty, clients,
				() -> new SocketDirectories(List.of(new Candidate("java.io.tmpdir", base)), SocketPathLimit.LINUX));
	}

	private static ConfigurableApplicationContext run(ContextCustomizer customizer) {
		return new SpringApplicationBuilder(PingApp4.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.initializers((context) -> customizer.customizeContext(context, null))
			.run();
	}

	private static List<Path> children(Path directory) {
		try (Stream<Path> children = Files.list(directory)) {
			return children.toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
