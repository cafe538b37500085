package io.github.udsgrpc.boot4.aot;

import java.util.List;
import java.util.concurrent.ThreadFactory;

import io.grpc.internal.GrpcUtil;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.grpc.server.GrpcServerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime hints the starter registers in {@code META-INF/spring/aot.factories} on the Spring Boot 4.1 line
 * (Spring Framework 7, Netty 4.2), checked against the very classes, constructors and methods the core reaches
 * reflectively here: what a GraalVM native image of a Boot 4.1 application needs.
 */
class RuntimeHintsTests {

	private final RuntimeHints hints = registeredHints();

	@Test
	void bothRegistrarsAreListedForSpringAot() {
		assertThat(registrars()).extracting((registrar) -> registrar.getClass().getName())
			.contains("io.github.udsgrpc.boot.aot.UdsGrpcRuntimeHints",
					"io.github.udsgrpc.boot4.autoconfigure.server.DomainSocketPathAliasRuntimeHints");
	}

	@Test
	void nettysIoHandlerEventLoopGroupCanBeMadeReflectively() throws NoSuchMethodException {
		assertThat(RuntimeHintsPredicates.reflection().onType(IoHandlerFactory.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(MultiThreadIoEventLoopGroup.class.getConstructor(int.class, ThreadFactory.class,
					IoHandlerFactory.class)))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(EpollIoHandler.class.getMethod("newFactory")))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("io.netty.channel.kqueue.KQueueIoHandler"))).accepts(this.hints);
	}

	@Test
	void theNativeTransportsProbeClassesCanBeLoadedByName() {
		assertThat(RuntimeHintsPredicates.reflection().onType(Epoll.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of("io.netty.channel.kqueue.KQueue")))
			.accepts(this.hints);
	}

	@Test
	void theVersionsOfTheInfoContributionCanBeRead() {
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(GrpcUtil.class, "IMPLEMENTATION_VERSION"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/io.netty.versions.properties"))
			.accepts(this.hints);
	}

	@Test
	void theClassesTheDomainSocketPathAliasLooksForCanBeLoadedByName() {
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
