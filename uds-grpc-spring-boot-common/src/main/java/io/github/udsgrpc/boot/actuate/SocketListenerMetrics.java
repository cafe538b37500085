package io.github.udsgrpc.boot.actuate;

import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import io.github.udsgrpc.server.UdsListener;
import io.github.udsgrpc.server.UdsListenerStatus;
import io.github.udsgrpc.server.UdsListeners;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer meters of the socket listeners' connections, the same for both Spring Boot lines, tagged
 * {@code listener} with the listener's name (not its path: paths name directories, and tags are meant to be few):
 *
 * <ul>
 * <li>{@value #CONNECTIONS}, a gauge: the connections open on the listener, counted once their HTTP/2 handshake is
 * done;</li>
 * <li>{@value #MAX_CONNECTIONS}, a gauge of the listener's connection limit, only for a listener that has one;</li>
 * <li>{@value #REFUSED}, a counter: the connections closed at once because the listener was at its limit;</li>
 * <li>{@value #ACCEPT_FAILURES}, a counter: the failed {@code accept}s (out of file descriptors, for one).</li>
 * </ul>
 *
 * <p>
 * Every value is read from the listeners' statuses when the registry asks for it; before the server starts, and
 * after it stops, the gauges and counters read 0. The counters count from the start of the listener's server, so
 * they start again from 0 if the server is started again. The meters hold this binder, so they read for as long as
 * they are registered, whether or not anything else keeps the binder.
 */
public class SocketListenerMetrics implements MeterBinder {

	/** The gauge of the open connections. */
	public static final String CONNECTIONS = "grpc.uds.connections";

	/** The gauge of the connection limit. */
	public static final String MAX_CONNECTIONS = "grpc.uds.connections.max";

	/** The counter of the connections refused at the limit. */
	public static final String REFUSED = "grpc.uds.connections.refused";

	/** The counter of the failed accepts. */
	public static final String ACCEPT_FAILURES = "grpc.uds.accept.failures";

	/** The tag that names the listener. */
	public static final String LISTENER_TAG = "listener";

	private final UdsListeners listeners;

	private final Supplier<List<UdsListenerStatus>> statuses;

	/**
	 * Creates the binder.
	 * @param listeners the listeners to measure
	 * @param statuses what each listener is doing now, asked for every time a meter is read
	 */
	public SocketListenerMetrics(UdsListeners listeners, Supplier<List<UdsListenerStatus>> statuses) {
		this.listeners = listeners;
		this.statuses = statuses;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (UdsListener listener : this.listeners.asList()) {
			String name = listener.name();
			Tags tags = Tags.of(LISTENER_TAG, name);
			Gauge.builder(CONNECTIONS, this, (metrics) -> metrics.read(name, UdsListenerStatus::openConnections))
				.strongReference(true)
				.tags(tags)
				.description("Connections open on the gRPC socket listener, counted once their HTTP/2 handshake is "
						+ "done")
				.baseUnit(BaseUnits.CONNECTIONS)
				.register(registry);
			if (listener.limits().isLimited()) {
				int maxConnections = listener.limits().maxConnections();
				Gauge.builder(MAX_CONNECTIONS, () -> maxConnections)
					.tags(tags)
					.description("Most connections the gRPC socket listener keeps open at once")
					.baseUnit(BaseUnits.CONNECTIONS)
					.register(registry);
			}
			FunctionCounter.builder(REFUSED, this, counting(name, UdsListenerStatus::refusedConnections))
				.tags(tags)
				.description("Connections the gRPC socket listener closed at once because it was at its limit")
				.baseUnit(BaseUnits.CONNECTIONS)
				.register(registry);
			FunctionCounter.builder(ACCEPT_FAILURES, this, counting(name, UdsListenerStatus::acceptFailures))
				.tags(tags)
				.description("Times the gRPC socket listener failed to accept a connection, such as when the process "
						+ "is out of file descriptors")
				.register(registry);
		}
	}

	/**
	 * The function of a counter: Micrometer keeps only a weak reference to a function counter's object (and has no
	 * strong one to ask for, as gauges have), so the function holds this binder itself.
	 */
	private ToDoubleFunction<SocketListenerMetrics> counting(String listenerName,
			ToLongFunction<UdsListenerStatus> value) {
		return (ignored) -> this.read(listenerName, value);
	}

	private double read(String listenerName, ToLongFunction<UdsListenerStatus> value) {
		for (UdsListenerStatus status : this.statuses.get()) {
			if (status.listener().name().equals(listenerName)) {
				return value.applyAsLong(status);
			}
		}
		return 0;
	}

}
