package io.github.udsgrpc.boot4.peer;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.github.udsgrpc.boot4.testsupport.EchoApp4;
import io.github.udsgrpc.peer.PeerAccessPolicy;
import io.github.udsgrpc.server.UdsListener;
import io.github.udsgrpc.server.UdsListenerConfigurer;
import io.github.udsgrpc.server.UdsListeners;
import io.github.udsgrpc.testsupport.ShortTempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How {@code grpc.uds.same-user-only}, {@code allowed-uids} and {@code allowed-gids} become the listeners' policies
 * in a Spring Boot 4.1 application: the path listener's, and the default of listeners declared in code, which may
 * set their own. The Boot 3.5 line's test of the same name, on whole applications.
 */
@ExtendWith(OutputCaptureExtension.class)
class PeerAccessPropertiesTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	@Test
	void byDefaultEveryListenerIsOpen() {
		try (ConfigurableApplicationContext context = EchoApp4.run("grpc.uds.path=" + this.dir.socket("a.sock"))) {
			assertThat(context.getBean(UdsListeners.class).asList()).singleElement()
				.satisfies((listener) -> assertThat(listener.peerAccess().isOpen()).isTrue());
		}
	}

	@Test
	void propertiesAreThePolicyOfThePathListenerAndTheDefaultOfListenersInCode() {
		try (ConfigurableApplicationContext context = EchoApp4.run(new Class<?>[] { ThreeListeners.class },
				"grpc.uds.path=" + this.dir.socket("a.sock"), "test.dir=" + this.dir.path(),
				"grpc.uds.same-user-only=true", "grpc.uds.allowed-uids=0,65534", "grpc.uds.allowed-gids[0]=998")) {
			List<UdsListener> listeners = context.getBean(UdsListeners.class).asList();
			assertThat(listeners).extracting(UdsListener::name).containsExactly("default", "api.sock", "admin", "open");
			PeerAccessPolicy fromProperties = listeners.get(0).peerAccess();
			assertThat(fromProperties.isSameUserOnly()).isTrue();
			assertThat(fromProperties.getAllowedUids()).containsExactly(0L, 65534L);
			assertThat(fromProperties.getAllowedGids()).containsExactly(998L);
			assertThat(listeners.get(1).peerAccess()).as("inherited").isEqualTo(fromProperties);
			assertThat(listeners.get(2).peerAccess())
				.isEqualTo(PeerAccessPolicy.of("test", false, Set.of(0L), Set.of()));
			assertThat(listeners.get(3).peerAccess().isOpen()).isTrue();
		}
	}

	@Test
	void aNegativeGidInCodeFailsWithAnAnalysisNamingTheListener(CapturedOutput output) {
		Path socket = this.dir.socket("b.sock");
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> EchoApp4.run(new Class<?>[] { NegativeGid.class }, "test.socket=" + socket).close());
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("socket listener 'admin' allowed-gids: group id -5 is not valid: group ids are numbers from 0 "
					+ "to 4294967294.")
			.contains("in socket listener 'admin' allowed-gids")
			.contains("getent group NAME");
		assertThat(socket).doesNotExist();
	}

	@Configuration(proxyBeanMethods = false)
	static class ThreeListeners {

		@Bean
		UdsListenerConfigurer threeListeners(Environment environment) {
			Path dir = Path.of(environment.getRequiredProperty("test.dir"));
			return (listeners) -> listeners.listenUnixSocket(dir.resolve("api.sock"))
				.listenUnixSocket(dir.resolve("admin.sock"),
						(options) -> options.name("admin").sameUserOnly(false).allowedUids(0).allowedGids())
				.listenUnixSocket(dir.resolve("open.sock"), (options) -> options.name("open").allowAnyPeer());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NegativeGid {

		@Bean
		UdsListenerConfigurer negativeGid(Environment environment) {
			return (listeners) -> listeners.listenUnixSocket(Path.of(environment.getRequiredProperty("test.socket")),
					(options) -> options.name("admin").allowedGids(-5));
		}

	}

}
