package io.github.udsgrpc.server;

import java.nio.file.Path;

import io.github.udsgrpc.peer.PeerAccessPolicy;
import io.github.udsgrpc.socket.FileModes;
import io.github.udsgrpc.socket.SocketFileSettings;
import io.github.udsgrpc.socket.UdsAddress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * How {@link UdsListenerRegistry} turns declarations into listeners: names, defaults replaced option by option, and
 * what it refuses.
 */
class UdsListenerRegistryTests {

	private static final SocketFileSettings DEFAULTS = new SocketFileSettings(FileModes.parse("mode", "660"), "wheel",
			false, FileModes.parse("mode", "700"));

	private static final PeerAccessPolicy SAME_USER = PeerAccessPolicy.open().withSameUserOnly(true);

	private final UdsListenerRegistry registry = new UdsListenerRegistry(DEFAULTS, SAME_USER);

	@Test
	void aListenerIsNamedAfterItsFileOrItsAbstractName() {
		this.registry.listenUnixSocket(Path.of("/run/app/api.sock")).listenUnixSocket("@app.grpc");
		assertThat(this.registry.listeners().asList()).extracting(UdsListener::name).containsExactly("api.sock", "@app.grpc");
	}

	@Test
	void aListenerStartsFromTheDefaultsAndItsOptionsReplaceThemOneByOne() {
		this.registry.listenUnixSocket(Path.of("/run/app/a.sock"))
			.listenUnixSocket(Path.of("/run/app/b.sock"), (options) -> options.fileMode("rw-------").allowedUids(0));
		UdsListener a = this.registry.listeners().asList().get(0);
		UdsListener b = this.registry.listeners().asList().get(1);
		assertThat(a.socketFile()).isEqualTo(DEFAULTS);
		assertThat(a.peerAccess()).isEqualTo(SAME_USER);
		assertThat(b.socketFile().fileMode()).isEqualTo(FileModes.parse("mode", "600"));
		assertThat(b.socketFile().group()).isEqualTo("wheel");
		assertThat(b.peerAccess().isSameUserOnly()).isTrue();
		assertThat(b.peerAccess().getAllowedUids()).containsExactly(0L);
	}

	@Test
	void aFileModeForAnAbstractListenerIsRefused() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.registry.listenUnixSocket("@x", (options) -> options.fileMode("600")))
			.withMessage("Listener '@x' is on abstract socket @x, which has no file: a file mode or group cannot apply to it");
	}

	@Test
	void twoListenersOnOneAddressOrWithOneNameAreRefused() {
		this.registry.listenUnixSocket(Path.of("/run/app/a.sock"));
		assertThatIllegalStateException().isThrownBy(() -> this.registry.listen(UdsAddress.parse("/run/app/a.sock"),
				(options) -> options.name("other")))
			.withMessage("Two gRPC socket listeners ('a.sock' and 'other') declare the same path /run/app/a.sock");
		assertThatIllegalStateException().isThrownBy(() -> this.registry.listenUnixSocket(Path.of("/run/b/a.sock")))
			.withMessage("Two gRPC socket listeners are named 'a.sock' (/run/app/a.sock and /run/b/a.sock); give one "
					+ "of them another name");
	}

}
