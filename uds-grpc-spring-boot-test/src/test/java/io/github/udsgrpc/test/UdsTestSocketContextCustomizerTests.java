package io.github.udsgrpc.test;

import java.util.List;

import io.github.udsgrpc.test.app.PingApp;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link AbstractUdsTestSocketContextCustomizerTests} with the Spring Boot 3.5 line's application on net.devh's
 * gRPC, and the customizer's factory and its checks, which are the same whatever the line (run here only).
 */
class UdsTestSocketContextCustomizerTests extends AbstractUdsTestSocketContextCustomizerTests {

	private final UdsTestSocketContextCustomizerFactory factory = new UdsTestSocketContextCustomizerFactory();

	UdsTestSocketContextCustomizerTests() {
		super(PingApp.LINE);
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
