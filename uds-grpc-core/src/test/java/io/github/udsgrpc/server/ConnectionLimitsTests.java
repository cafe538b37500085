package io.github.udsgrpc.server;

import java.nio.file.Path;
import java.time.Duration;

import io.github.udsgrpc.peer.PeerAccessPolicy;
import io.github.udsgrpc.socket.SocketFileSettings;
import io.github.udsgrpc.socket.UdsAddress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link ConnectionLimits}: its rules and their messages, and how a listener gets its limits from the registry's
 * defaults and its own options.
 */
class ConnectionLimitsTests {

	private static final Path SOCKET = Path.of("/run/app/a.sock");

	@Test
	void theDefaultsAreNoLimitAndATenSecondHandshakeTimeout() {
		assertThat(ConnectionLimits.DEFAULTS.maxConnections()).isEqualTo(ConnectionLimits.UNLIMITED)
			.isEqualTo(Integer.MAX_VALUE);
		assertThat(ConnectionLimits.DEFAULTS.isLimited()).isFalse();
		assertThat(ConnectionLimits.DEFAULTS.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10))
			.isEqualTo(ConnectionLimits.DEFAULT_HANDSHAKE_TIMEOUT);
	}

	@Test
	void oneConnectionAndOneMillisecondAreTheLeastAllowed() {
		ConnectionLimits least = new ConnectionLimits(1, Duration.ofMillis(1));
		assertThat(least.isLimited()).isTrue();
		assertThat(least.maxConnections()).isOne();
		assertThat(least.handshakeTimeout()).isEqualTo(Duration.ofMillis(1));
	}

	@Test
	void fewerThanOneConnectionIsRefusedSayingHowToHaveNoLimit() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ConnectionLimits(0, Duration.ofSeconds(1)))
			.withMessage("must be at least 1 (unset for no limit), was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> ConnectionLimits.DEFAULTS.withMaxConnections(-5))
			.withMessage("must be at least 1 (unset for no limit), was -5");
	}

	@Test
	void aHandshakeTimeoutBelowOneMillisecondIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConnectionLimits.DEFAULTS.withHandshakeTimeout(Duration.ZERO))
			.withMessage("must be at least 1ms, was PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConnectionLimits.DEFAULTS.withHandshakeTimeout(Duration.ofSeconds(-1)))
			.withMessage("must be at least 1ms, was PT-1S");
		// Positive, but grpc-java's handshake timeout is set in milliseconds: this would be none at all.
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConnectionLimits.DEFAULTS.withHandshakeTimeout(Duration.ofNanos(999_999)))
			.withMessage("must be at least 1ms, was PT0.000999999S");
		assertThatNullPointerException().isThrownBy(() -> new ConnectionLimits(1, null))
			.withMessage("handshakeTimeout");
	}

	@Test
	void eachWitherReplacesOneLimitAndKeepsTheOther() {
		ConnectionLimits limits = ConnectionLimits.DEFAULTS.withMaxConnections(7)
			.withHandshakeTimeout(Duration.ofMillis(500));
		assertThat(limits).isEqualTo(new ConnectionLimits(7, Duration.ofMillis(500)));
		assertThat(limits.withMaxConnections(ConnectionLimits.UNLIMITED))
			.isEqualTo(new ConnectionLimits(ConnectionLimits.UNLIMITED, Duration.ofMillis(500)));
		assertThat(limits.withMaxConnections(ConnectionLimits.UNLIMITED).isLimited()).isFalse();
		assertThat(limits.withHandshakeTimeout(Duration.ofSeconds(3)).maxConnections()).isEqualTo(7);
	}

	@Test
	void aListenerMadeWithoutLimitsAndTheRegistryWithoutDefaultsHaveTheDefaults() {
		UdsListener made = new UdsListener("a", UdsAddress.file(SOCKET), SocketFileSettings.DEFAULTS, (builder) -> {
		});
		assertThat(made.limits()).isEqualTo(ConnectionLimits.DEFAULTS);
		UdsListenerRegistry registry = new UdsListenerRegistry(SocketFileSettings.DEFAULTS, PeerAccessPolicy.open());
		registry.listenUnixSocket(SOCKET);
		assertThat(registry.listeners().asList()).singleElement()
			.satisfies((listener) -> assertThat(listener.limits()).isEqualTo(ConnectionLimits.DEFAULTS));
	}

	@Test
	void listenersStartFromTheRegistrysLimitsAndTheirOptionsReplaceThemOneByOne() {
		ConnectionLimits defaults = new ConnectionLimits(100, Duration.ofSeconds(2));
		UdsListenerRegistry registry = new UdsListenerRegistry(SocketFileSettings.DEFAULTS, PeerAccessPolicy.open(),
				defaults);
		registry.listenUnixSocket(Path.of("/run/app/inherits.sock"))
			.listenUnixSocket(Path.of("/run/app/max.sock"), (options) -> options.maxConnections(3))
			.listenUnixSocket(Path.of("/run/app/timeout.sock"),
					(options) -> options.handshakeTimeout(Duration.ofMillis(250)))
			.listenUnixSocket(Path.of("/run/app/unlimited.sock"),
					(options) -> options.maxConnections(ConnectionLimits.UNLIMITED));
		assertThat(registry.listeners().asList()).extracting(UdsListener::limits)
			.containsExactly(defaults, new ConnectionLimits(3, Duration.ofSeconds(2)),
					new ConnectionLimits(100, Duration.ofMillis(250)),
					new ConnectionLimits(ConnectionLimits.UNLIMITED, Duration.ofSeconds(2)));
	}

	@Test
	void limitsOutOfRangeInOptionsAreRefusedNamingTheListener() {
		UdsListenerRegistry registry = new UdsListenerRegistry(SocketFileSettings.DEFAULTS, PeerAccessPolicy.open());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> registry.listenUnixSocket(SOCKET, (options) -> options.name("api").maxConnections(0)))
			.withMessage("socket listener 'api': maximum connections must be at least 1, was 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> registry.listenUnixSocket(SOCKET,
					(options) -> options.name("api").handshakeTimeout(Duration.ZERO)))
			.withMessage("socket listener 'api': handshake timeout must be at least 1ms, was PT0S");
		assertThat(registry.listeners().asList()).as("listeners after the refusals").isEmpty();
	}

}
