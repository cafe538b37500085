package io.github.udsgrpc.springgrpc;

import java.util.ArrayList;
import java.util.List;

import io.github.udsgrpc.boot.UdsCallExecution;
import io.github.udsgrpc.server.CallExecutor;
import io.github.udsgrpc.server.NonBlockingMethods;
import io.github.udsgrpc.server.UdsListenerStatus;
import io.github.udsgrpc.server.UdsListeners;
import io.github.udsgrpc.server.UdsServer;
import io.github.udsgrpc.server.UdsServerBuilderCustomizer;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.github.udsgrpc.systemd.InheritedSockets;
import io.grpc.ServerServiceDefinition;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.grpc.server.GrpcServerFactory;

/**
 * Spring gRPC's server factory, for sockets: the services Spring Boot discovers (with their interceptors, health,
 * reflection and observations) served by a {@link UdsServer} on every socket listener. A bean of this type turns
 * Spring Boot's own network gRPC servers off, as any network {@link GrpcServerFactory} bean does.
 */
public class UdsGrpcServerFactory implements GrpcServerFactory {

	private static final Log logger = LogFactory.getLog(UdsGrpcServerFactory.class);

	private final UdsListeners listeners;

	private final UdsEventLoops eventLoops;

	private final InheritedSockets inheritedSockets;

	private final List<UdsServerBuilderCustomizer> customizers;

	private final UdsCallExecution callExecution;

	private final List<ServerServiceDefinition> services = new ArrayList<>();

	private volatile UdsServer server;

	/**
	 * Creates the factory.
	 * @param listeners the sockets to listen on
	 * @param eventLoops the shared event loops
	 * @param inheritedSockets listening sockets systemd passed; a listener bound to the same address adopts its socket
	 * @param customizers what each listener's server builder gets, in order
	 */
	public UdsGrpcServerFactory(UdsListeners listeners, UdsEventLoops eventLoops, InheritedSockets inheritedSockets,
			List<UdsServerBuilderCustomizer> customizers) {
		this(listeners, eventLoops, inheritedSockets, customizers,
				new UdsCallExecution(NonBlockingMethods.none(), false, CallExecutor.CACHED, null));
	}

	/**
	 * Creates the factory.
	 * @param listeners the sockets to listen on
	 * @param eventLoops the shared event loops
	 * @param inheritedSockets listening sockets systemd passed; a listener bound to the same address adopts its socket
	 * @param customizers what each listener's server builder gets, in order
	 * @param callExecution where the service methods run (non-blocking ones, the executor of the others)
	 */
	public UdsGrpcServerFactory(UdsListeners listeners, UdsEventLoops eventLoops, InheritedSockets inheritedSockets,
			List<UdsServerBuilderCustomizer> customizers, UdsCallExecution callExecution) {
		this.callExecution = callExecution;
		this.listeners = listeners;
		this.eventLoops = eventLoops;
		this.inheritedSockets = inheritedSockets;
		this.customizers = List.copyOf(customizers);
	}

	@Override
	public UdsServer createServer() {
		UdsServer.Builder builder = UdsServer.builder()
			.eventLoops(this.eventLoops)
			.inheritedSockets(this.inheritedSockets)
			.listeners(this.listeners)
			.addServices(this.services);
		this.callExecution.applyTo(builder);
		this.customizers.forEach(builder::customizer);
		UdsServer created = builder.build();
		this.server = created;
		return created;
	}

	/**
	 * Registers a service, as Spring Boot configured it, logged once here rather than once per listener.
	 * @throws IllegalStateException for a second service of the same name
	 */
	@Override
	public void addService(ServerServiceDefinition service) {
		String name = service.getServiceDescriptor().getName();
		if (this.services.stream().anyMatch((existing) -> existing.getServiceDescriptor().getName().equals(name))) {
			throw new IllegalStateException("Found duplicate service implementation: " + name);
		}
		logger.info("Registered gRPC service: " + name);
		this.services.add(service);
	}

	/**
	 * The server made last.
	 * @return it, or {@code null} before {@link #createServer()}
	 */
	public UdsServer getServer() {
		return this.server;
	}

	/**
	 * The calls in flight on the server made last.
	 * @return the number of calls started and not yet closed
	 */
	public int getCallsInFlight() {
		UdsServer current = this.server;
		return (current != null) ? current.getCallsInFlight() : 0;
	}

	/**
	 * What each socket listener of the server made last is doing, for health checks.
	 * @return one status per listener, in declaration order; not listening before the server is made
	 */
	public List<UdsListenerStatus> getListenerStatuses() {
		UdsServer current = this.server;
		if (current == null) {
			return this.listeners.asList().stream()
				.map((listener) -> UdsListenerStatus.notStarted(listener))
				.toList();
		}
		return current.getListenerStatuses();
	}

	/**
	 * The sockets the server listens on.
	 * @return the listeners
	 */
	public UdsListeners getListeners() {
		return this.listeners;
	}

}
