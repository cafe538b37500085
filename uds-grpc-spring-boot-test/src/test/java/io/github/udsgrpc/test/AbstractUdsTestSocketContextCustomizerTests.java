package io.github.udsgrpc.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.github.udsgrpc.socket.SocketPathLimit;
import io.github.udsgrpc.test.SocketDirectories.Candidate;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The customizer applied to one line's real applications the way Spring Boot's test context loader applies it (as
 * an initializer of the SpringApplication), with socket directories under a base of the test's own. Shared by both
 * Spring Boot lines: each line's module runs it through a subclass that names its {@link PingLine}.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractUdsTestSocketContextCustomizerTests {

	private final PingLine line;

	protected Path base;

	/**
	 * Creates the tests for a Spring Boot line.
	 * @param line the line's ping application
	 */
	protected AbstractUdsTestSocketContextCustomizerTests(PingLine line) {
		this.line = line;
	}

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
			assertThat(this.line.ping(context, "hi")).isEqualTo("pong hi");
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
			assertThat(this.line.ping(first, "first")).isEqualTo("pong first");
			assertThat(this.line.ping(second, "second")).isEqualTo("pong second");
		}
		assertThat(this.base).isEmptyDirectory();
	}

	@Test
	void pathPropertyNamesWhichPropertyGetsThePathNamedClientsGetTheLinesClientPropertyAndEmptyNamesNone() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			customizer("app.socket", List.of("a", "b"), this.base).customizeContext(context, null);
			context.refresh();
			UdsTestSocket socket = context.getBean(UdsTestSocket.class);
			assertThat(context.getEnvironment().getProperty("app.socket")).isEqualTo(socket.path().toString());
			assertThat(context.getEnvironment().getProperty("grpc.uds.path")).isNull();
			assertThat(context.getEnvironment().getProperty(this.line.clientTargetProperty("a")))
				.isEqualTo(socket.target());
			assertThat(context.getEnvironment().getProperty(this.line.clientTargetProperty("b")))
				.isEqualTo(socket.target());
			// The other line's client is not on this class path: its property is left alone.
			assertThat(context.getEnvironment().getProperty(this.line.otherLineClientTargetProperty("a"))).isNull();
		}
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			customizer("", List.of(), this.base).customizeContext(context, null);
			context.refresh();
			assertThat(context.getEnvironment()
				.getPropertySources()
				.get(UdsTestSocketContextCustomizer.PROPERTY_SOURCE_NAME)
				.getSource()).asInstanceOf(InstanceOfAssertFactories.MAP).isEmpty();
			assertThat(context.getBean(UdsTestSocket.class).directory()).isDirectory();
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

	protected UdsTestSocketContextCustomizer customizer(String pathProperty, List<String> clients, Path base) {
		return new UdsTestSocketContextCustomizer("grpc.sock", pathProperty, clients,
				() -> new SocketDirectories(List.of(new Candidate("java.io.tmpdir", base)), SocketPathLimit.LINUX));
	}

	private ConfigurableApplicationContext run(ContextCustomizer customizer) {
		return this.line.builder().initializers((context) -> customizer.customizeContext(context, null)).run();
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
