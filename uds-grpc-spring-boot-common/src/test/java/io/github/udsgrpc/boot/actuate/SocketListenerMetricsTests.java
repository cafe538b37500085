package io.github.udsgrpc.boot.actuate;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.udsgrpc.peer.PeerAccessPolicy;
import io.github.udsgrpc.server.ConnectionLimits;
import io.github.udsgrpc.server.UdsListener;
import io.github.udsgrpc.server.UdsListenerRegistry;
import io.github.udsgrpc.server.UdsListenerStatus;
import io.github.udsgrpc.server.UdsListeners;
import io.github.udsgrpc.socket.SocketFileSettings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SocketListenerMetrics} over listeners whose statuses a test sets: which meters each listener gets, their
 * names, tags, units and descriptions, and that every read asks for the statuses of now.
 */
class SocketListenerMetricsTests {

	private final UdsListeners listeners = new UdsListenerRegistry(SocketFileSettings.DEFAULTS, PeerAccessPolicy.open(),
			ConnectionLimits.DEFAULTS.withMaxConnections(5))
		.listenUnixSocket(Path.of("/run/app/api.sock"), (options) -> options.name("api"))
		.listenUnixSocket(Path.of("/run/app/admin.sock"),
				(options) -> options.name("admin").maxConnections(ConnectionLimits.UNLIMITED))
		.listeners();

	private final UdsListener api = this.listeners.asList().get(0);

	private final UdsListener admin = this.listeners.asList().get(1);

	private final AtomicReference<List<UdsListenerStatus>> statuses = new AtomicReference<>(
			List.of(UdsListenerStatus.notStarted(this.api), UdsListenerStatus.notStarted(this.admin)));

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	SocketListenerMetricsTests() {
		// Not kept: the meters must hold what they read.
		new SocketListenerMetrics(this.listeners, this.statuses::get).bindTo(this.registry);
	}

	@Test
	void eachListenerGetsItsMetersTaggedWithItsNameAndOnlyALimitedOneAMaximum() {
		assertThat(this.registry.getMeters()).extracting((meter) -> meter.getId().getName() + " "
				+ meter.getId().getTags() + " " + meter.getId().getType())
			.containsExactlyInAnyOrder("grpc.uds.connections [tag(listener=api)] GAUGE",
					"grpc.uds.connections.max [tag(listener=api)] GAUGE",
					"grpc.uds.connections.refused [tag(listener=api)] COUNTER",
					"grpc.uds.accept.failures [tag(listener=api)] COUNTER",
					"grpc.uds.connections [tag(listener=admin)] GAUGE",
					"grpc.uds.connections.refused [tag(listener=admin)] COUNTER",
					"grpc.uds.accept.failures [tag(listener=admin)] COUNTER");
		for (Meter meter : this.registry.getMeters()) {
			assertThat(meter.getId().getDescription()).as("description of %s", meter.getId()).isNotBlank();
			assertThat(meter.getId().getTags()).as("no tag names the path")
				.noneMatch((tag) -> tag.getValue().contains("/"));
		}
		assertThat(this.registry.get("grpc.uds.connections").meters())
			.allSatisfy((meter) -> assertThat(meter.getId().getBaseUnit()).isEqualTo("connections"));
		assertThat(this.registry.get("grpc.uds.connections.refused").functionCounter().getId().getBaseUnit())
			.isEqualTo("connections");
		assertThat(this.registry.get("grpc.uds.accept.failures").functionCounter().getId().getBaseUnit()).isNull();
	}

	@Test
	void beforeTheServerStartsEveryCountIsZeroAndTheMaximumIsTheLimit() {
		assertThat(gauge("grpc.uds.connections", "api").value()).isZero();
		assertThat(counter("grpc.uds.connections.refused", "api").count()).isZero();
		assertThat(counter("grpc.uds.accept.failures", "admin").count()).isZero();
		assertThat(gauge("grpc.uds.connections.max", "api").value()).isEqualTo(5);
	}

	@Test
	void everyReadTakesTheStatusesOfNowForItsOwnListener() {
		this.statuses.set(List.of(new UdsListenerStatus(this.api, true, true, 3, 7, 1),
				new UdsListenerStatus(this.admin, true, true, 1, 0, 4)));
		assertThat(gauge("grpc.uds.connections", "api").value()).isEqualTo(3);
		assertThat(counter("grpc.uds.connections.refused", "api").count()).isEqualTo(7);
		assertThat(counter("grpc.uds.accept.failures", "api").count()).isEqualTo(1);
		assertThat(gauge("grpc.uds.connections", "admin").value()).isEqualTo(1);
		assertThat(counter("grpc.uds.connections.refused", "admin").count()).isZero();
		assertThat(counter("grpc.uds.accept.failures", "admin").count()).isEqualTo(4);

		this.statuses.set(List.of(new UdsListenerStatus(this.api, true, true, 5, 9, 1),
				new UdsListenerStatus(this.admin, true, true, 0, 0, 4)));
		assertThat(gauge("grpc.uds.connections", "api").value()).isEqualTo(5);
		assertThat(counter("grpc.uds.connections.refused", "api").count()).isEqualTo(9);
		assertThat(gauge("grpc.uds.connections", "admin").value()).isZero();
	}

	@Test
	void theMetersGoOnReadingWhenNothingElseHoldsTheBinder() {
		// This test's binder was bound and dropped; Micrometer holds the objects of its meters only weakly.
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		this.statuses.set(List.of(new UdsListenerStatus(this.api, true, true, 2, 11, 3),
				new UdsListenerStatus(this.admin, true, true, 0, 0, 0)));
		assertThat(gauge("grpc.uds.connections", "api").value()).isEqualTo(2);
		assertThat(counter("grpc.uds.connections.refused", "api").count()).isEqualTo(11);
		assertThat(counter("grpc.uds.accept.failures", "api").count()).isEqualTo(3);
	}

	private Gauge gauge(String name, String listener) {
		return this.registry.get(name).tag(SocketListenerMetrics.LISTENER_TAG, listener).gauge();
	}

	private FunctionCounter counter(String name, String listener) {
		return this.registry.get(name).tag(SocketListenerMetrics.LISTENER_TAG, listener).functionCounter();
	}

}
