package io.github.udsgrpc.autoconfigure.aot;

import java.util.List;

import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.kqueue.KQueue;
import net.devh.boot.grpc.server.serverfactory.GrpcServerFactory;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime hints the starter registers in {@code META-INF/spring/aot.factories} on the Spring Boot 3.5 line
 * (Spring Framework 6.2, Netty 4.1): what a GraalVM native image of a Boot 3.5 application needs.
 */
class RuntimeHintsTests {

	private final RuntimeHints hints = registeredHints();

	@Test
	void bothRegistrarsAreListedForSpringAot() {
		assertThat(registrars()).extracting((registrar) -> registrar.getClass().getName())
			.contains("io.github.udsgrpc.boot.aot.UdsGrpcRuntimeHints",
					"io.github.udsgrpc.autoconfigure.server.UnixServerAddressAliasRuntimeHints");
	}

	@Test
	void theNativeTransportsProbeClassesCanBeLoadedByName() {
		assertThat(RuntimeHintsPredicates.reflection().onType(Epoll.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(KQueue.class)).accepts(this.hints);
	}

	@Test
	void theClassesTheUnixServerAddressAliasLooksForCanBeLoadedByName() {
		assertThat(RuntimeHintsPredicates.reflection().onType(GrpcServerFactory.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(NettyServerBuilder.class)).accepts(this.hints);
	}

	private static List<RuntimeHintsRegistrar> registrars() {
		return SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.stream()
			.filter((registrar) -> registrar.getClass().getName().startsWith("io.github.udsgrpc."))
			.toList();
	}

	private static RuntimeHints registeredHints() {
		RuntimeHints hints = new RuntimeHints();
		registrars().forEach((registrar) -> registrar.registerHints(hints, RuntimeHintsTests.class.getClassLoader()));
		return hints;
	}

}
