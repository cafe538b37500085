package io.github.udsgrpc.autoconfigure.peer;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.github.udsgrpc.autoconfigure.testsupport.SocketServerContextRunner;
import io.github.udsgrpc.boot.testsupport.FailureAnalyses;
import io.github.udsgrpc.peer.PeerAccessPolicy;
import io.github.udsgrpc.server.UdsListener;
import io.github.udsgrpc.server.UdsListenerConfigurer;
import io.github.udsgrpc.server.UdsListeners;
import io.github.udsgrpc.testsupport.ShortTempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How grpc.uds.same-user-only, allowed-uids and allowed-gids become the listeners' policies.
 */
class PeerAccessPropertiesTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private final ApplicationContextRunner runner = SocketServerContextRunner.create();

	@Test
	void byDefaultEveryListenerIsOpen() {
		this.runner.withPropertyValues("grpc.uds.path=" + this.dir.socket("a.sock")).run((context) -> {
			assertThat(context.getBean(UdsListeners.class).asList()).singleElement()
				.satisfies((listener) -> assertThat(listener.peerAccess().isOpen()).isTrue());
		});
	}

	@Test
	void propertiesAreThePolicyOfThePathListenerAndTheDefaultOfListenersInCode() {
		Path api = this.dir.socket("api.sock");
		Path admin = this.dir.socket("admin.sock");
		Path open = this.dir.socket("open.sock");
		this.runner
			.withPropertyValues("grpc.uds.path=" + this.dir.socket("a.sock"), "grpc.uds.same-user-only=true",
					"grpc.uds.allowed-uids=0,65534", "grpc.uds.allowed-gids[0]=998")
			.withBean(UdsListenerConfigurer.class, () -> (listeners) -> listeners.listenUnixSocket(api)
				.listenUnixSocket(admin, (options) -> options.name("admin").sameUserOnly(false).allowedUids(0)
					.allowedGids())
				.listenUnixSocket(open, (options) -> options.allowAnyPeer()))
			.run((context) -> {
				List<UdsListener> listeners = context.getBean(UdsListeners.class).asList();
				PeerAccessPolicy fromProperties = listeners.get(0).peerAccess();
				assertThat(fromProperties.isSameUserOnly()).isTrue();
				assertThat(fromProperties.getAllowedUids()).containsExactly(0L, 65534L);
				assertThat(fromProperties.getAllowedGids()).containsExactly(998L);
				assertThat(listeners.get(1).peerAccess()).as("inherited").isEqualTo(fromProperties);
				assertThat(listeners.get(2).peerAccess())
					.isEqualTo(PeerAccessPolicy.of("test", false, Set.of(0L), Set.of()));
				assertThat(listeners.get(3).peerAccess().isOpen()).isTrue();
			});
	}

	@Test
	void aNegativeGidInCodeFailsWithAnAnalysisNamingTheListener() {
		this.runner
			.withBean(UdsListenerConfigurer.class, () -> (listeners) -> listeners
				.listenUnixSocket(this.dir.socket("b.sock"), (options) -> options.name("admin").allowedGids(-5)))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = FailureAnalyses.of(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.isEqualTo("socket listener 'admin' allowed-gids: group id -5 is not valid: group ids are numbers "
							+ "from 0 to 4294967294.");
				assertThat(analysis.getAction()).contains("in socket listener 'admin' allowed-gids")
					.contains("getent group NAME");
			});
	}

}
