package io.github.udsgrpc.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.github.udsgrpc.socket.SocketPathLimit;
import io.github.udsgrpc.test.SocketDirectories.Candidate;
import io.github.udsgrpc.test.app.PingApp;
import io.github.udsgrpc.test.app.PingClient;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
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
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The customizer and its factory, applied to real applications the way Spring Boot's test context loader applies
 * them (as an initializer of the SpringApplication), with socket directories under a base of the test's own.
 */
@ExtendWith(OutputCaptureExtension.class)
class UdsTestSocketContextCustomizerTests {

	private final UdsTestSocketContextCustomizerFactory factory = new UdsTestSocketContextCustomizerFactory();

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
			assertThat(context.getBean(PingClient.class).ping("hi")).isEqualTo("pong hi");
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
		}
		assertThat(this.base).isEmptyDirectory();
	}

	@Test
	void pathPropertyNamesWhichPropertyGetsThePathAndEmptyNamesNone() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			customizer("app.socket", List.of("a", "b"), this.base).customizeContext(context, null);
			context.refresh();
			UdsTestSocket socket = context.getBean(UdsTestSocket.class);
			assertThat(context.getEnvironment().getProperty("app.socket")).isEqualTo(socket.path().toString());
			assertThat(context.getEnvironment().getProperty("grpc.uds.path")).isNull();
			assertThat(context.getEnvironment().getProperty("grpc.client.a.address")).isEqualTo(socket.target());
			assertThat(context.getEnvironment().getProperty("grpc.client.b.address")).isEqualTo(socket.target());
			// Spring Boot 4.1's client is not on this class path: its property is left alone.
			assertThat(context.getEnvironment().getProperty("spring.grpc.client.channel.a.target")).isNull();
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
	void namingClientsWithoutAGrpcClientLibraryOnTheClassPathFailsBeforeAnyDirectoryIsMade() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			// Sees the JDK only: neither net.devh's client nor Spring Boot 4.1's.
			context.setClassLoader(new ClassLoader(null) {
			});
			assertThatIllegalStateException()
				.isThrownBy(() -> customizer("grpc.uds.path", List.of("b", "a"), this.base).customizeContext(context,
						null))
				.withMessage("@AutoConfigureUdsSocket cannot point clients [a, b] at the socket: no gRPC client "
						+ "library on the class path (net.devh's grpc-client-spring-boot-starter on Spring Boot 3.5, "
						+ "spring-boot-starter-grpc-client on Spring Boot 4.1)");
			assertThat(this.base).isEmptyDirectory();
		}
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.setClassLoader(new ClassLoader(null) {
			});
			customizer("grpc.uds.path", List.of(), this.base).customizeContext(context, null);
			context.refresh();
			assertThat(context.getEnvironment().getProperty("grpc.uds.path"))
				.isEqualTo(context.getBean(UdsTestSocket.class).path().toString());
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

	@Test
	void equalAnnotationsMakeEqualCustomizersWhateverTheOrderOfTheClients() {
		ContextCustomizer first = this.factory.createContextCustomizer(OrdersThenInventory.class, List.of());
		ContextCustomizer second = this.factory.createContextCustomizer(InventoryThenOrders.class, List.of());
		assertThat(first).isNotNull().isEqualTo(second).hasSameHashCodeAs(second);
		assertThat(first).isNotEqualTo(this.factory.createContextCustomizer(OtherSocketName.class, List.of()));
		assertThat(first).isNotEqualTo(this.factory.createContextCustomizer(OtherPathProperty.class, List.of()));
	}

	@Test
	void onlyAnnotatedClassesAndTheirNestedClassesAreCustomized() {
		assertThat(this.factory.createContextCustomizer(NotAnnotated.class, List.of())).isNull();
		assertThat(this.factory.createContextCustomizer(OrdersThenInventory.Inner.class, List.of()))
			.isEqualTo(this.factory.createContextCustomizer(OrdersThenInventory.class, List.of()));
	}

	@Test
	void socketNameMustBeAFileName() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.factory.createContextCustomizer(SocketNameWithASlash.class, List.of()))
			.withMessage("@AutoConfigureUdsSocket on " + SocketNameWithASlash.class.getName()
					+ ": socketName 'a/b.sock' must be a file name, without '/'");
	}

	private UdsTestSocketContextCustomizer customizer(String pathProperty, List<String> clients, Path base) {
		return new UdsTestSocketContextCustomizer("grpc.sock", pathProperty, clients,
				() -> new SocketDirectories(List.of(new Candidate("java.io.tmpdir", base)), SocketPathLimit.LINUX));
	}

	private static ConfigurableApplicationContext run(ContextCustomizer customizer) {
		return new SpringApplicationBuilder(PingApp.class).web(WebApplicationType.NONE)
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

	static class NotAnnotated {

	}

	@AutoConfigureUdsSocket(clients = { "orders", "inventory" })
	static class OrdersThenInventory {

		@Nested
		class Inner {

		}

	}

	@AutoConfigureUdsSocket(clients = { "inventory", "orders" })
	static class InventoryThenOrders {

	}

	@AutoConfigureUdsSocket(clients = { "orders", "inventory" }, socketName = "other.sock")
	static class OtherSocketName {

	}

	@AutoConfigureUdsSocket(clients = { "orders", "inventory" }, pathProperty = "app.socket")
	static class OtherPathProperty {

	}

	@AutoConfigureUdsSocket(socketName = "a/b.sock")
	static class SocketNameWithASlash {

	}

}
