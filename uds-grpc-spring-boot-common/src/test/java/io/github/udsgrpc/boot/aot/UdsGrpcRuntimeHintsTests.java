package io.github.udsgrpc.boot.aot;

import java.util.List;

import io.grpc.internal.GrpcUtil;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link UdsGrpcRuntimeHints} on the Spring Boot 3.5 line (Spring Framework 6.2, Netty 4.1): registered in
 * {@code META-INF/spring/aot.factories}, as Spring AOT finds it, and each hint present. The Netty 4.2 hints are
 * checked against Netty 4.2's own classes in uds-grpc-spring-boot4-autoconfigure.
 */
class UdsGrpcRuntimeHintsTests {

	private final RuntimeHints hints = registeredHints();

	@Test
	void isRegisteredForSpringAot() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(UdsGrpcRuntimeHints.class);
	}

	@Test
	void theNativeTransportsProbeClassesCanBeLoadedByName() {
		assertThat(RuntimeHintsPredicates.reflection().onType(Epoll.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of("io.netty.channel.kqueue.KQueue")))
			.accepts(this.hints);
	}

	@Test
	void nettysIoHandlerEventLoopTypesCanBeLoadedByName() {
		for (String name : List.of("io.netty.channel.MultiThreadIoEventLoopGroup", "io.netty.channel.IoHandlerFactory",
				"io.netty.channel.epoll.EpollIoHandler", "io.netty.channel.kqueue.KQueueIoHandler")) {
			assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(name))).as(name).accepts(this.hints);
		}
	}

	@Test
	void grpcJavasVersionFieldCanBeRead() throws NoSuchFieldException {
		assertThat(RuntimeHintsPredicates.reflection().onField(GrpcUtil.class.getField("IMPLEMENTATION_VERSION")))
			.accepts(this.hints);
	}

	@Test
	void nettysVersionsResourceIsIncluded() {
		assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/io.netty.versions.properties"))
			.accepts(this.hints);
	}

	private static RuntimeHints registeredHints() {
		RuntimeHints hints = new RuntimeHints();
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.stream()
			.filter(UdsGrpcRuntimeHints.class::isInstance)
			.forEach((registrar) -> registrar.registerHints(hints, UdsGrpcRuntimeHintsTests.class.getClassLoader()));
		return hints;
	}

}
