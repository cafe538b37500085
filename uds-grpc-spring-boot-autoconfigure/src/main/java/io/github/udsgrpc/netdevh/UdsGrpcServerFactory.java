package io.github.udsgrpc.netdevh;

import java.util.ArrayList;
import java.util.List;

import io.github.udsgrpc.boot.UdsCallExecution;
import io.github.udsgrpc.server.CallExecutor;
import io.github.udsgrpc.server.NonBlockingMethods;
import io.github.udsgrpc.server.UdsListener;
import io.github.udsgrpc.server.UdsListenerStatus;
import io.github.udsgrpc.server.UdsListeners;
import io.github.udsgrpc.server.UdsServer;
import io.github.udsgrpc.server.UdsServerBuilderCustomizer;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.github.udsgrpc.systemd.InheritedSockets;
import io.grpc.ServerStreamTracer;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import net.devh.boot.grpc.server.serverfactory.GrpcServerConfigurer;
import net.devh.boot.grpc.server.serverfactory.GrpcServerFactory;
import net.devh.boot.grpc.server.serverfactory.InProcessGrpcServerFactory;
import net.devh.boot.grpc.server.serverfactory.NettyGrpcServerFactory;
import net.devh.boot.grpc.server.service.GrpcServiceDefinition;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * net.devh's server factory, for sockets: collects the {@code @GrpcService}s net.devh discovers and makes a
 * {@link UdsServer} of the listeners, plus net.devh's TCP server when {@code grpc.uds.keep-tcp=true} and its
 * in-process server when {@code grpc.server.in-process-name} is set, all serving the same services with the same
 * interceptors. How a listener's server is built is the core's; what it gets is the customizer list.
 */
public class UdsGrpcServerFactory implements GrpcServerFactory {

	private static final Log logger = LogFactory.getLog(UdsGrpcServerFactory.class);

	private final GrpcServerProperties serverProperties;

	private final List<GrpcServerConfigurer> serverConfigurers;

	private final UdsListeners listeners;

	private final UdsEventLoops eventLoops;

	private final InheritedSockets inheritedSockets;

	private final List<UdsServerBuilderCustomizer> customizers;

	private final boolean keepTcp;

	private final UdsCallExecution callExecution;

	private final List<GrpcServiceDefinition> services = new ArrayList<>();

	private volatile UdsServer server;

	/**
	 * Creates the factory.
	 * @param serverProperties net.devh's {@code grpc.server.*} properties, for the TCP and in-process servers
	 * @param serverConfigurers net.devh's server configurers, for the TCP and in-process servers
	 * @param listeners the sockets to listen on
	 * @param eventLoops the shared event loops
	 * @param inheritedSockets listening sockets systemd passed; a listener bound to the same address adopts its socket
	 * @param customizers what each listener's server builder gets, in order
	 * @param keepTcp whether net.devh's TCP server serves beside the sockets ({@code grpc.uds.keep-tcp})
	 */
	public UdsGrpcServerFactory(GrpcServerProperties serverProperties, List<GrpcServerConfigurer> serverConfigurers,
			UdsListeners listeners, UdsEventLoops eventLoops, InheritedSockets inheritedSockets,
			List<UdsServerBuilderCustomizer> customizers, boolean keepTcp) {
		this(serverProperties, serverConfigurers, listeners, eventLoops, inheritedSockets, customizers, keepTcp,
				new UdsCallExecution(NonBlockingMethods.none(), false, CallExecutor.CACHED, null));
	}

	/**
	 * Creates the factory.
	 * @param serverProperties net.devh's {@code grpc.server.*} properties, for the TCP and in-process servers
	 * @param serverConfigurers net.devh's server configurers, for the TCP and in-process servers
	 * @param listeners the sockets to listen on
	 * @param eventLoops the shared event loops
	 * @param inheritedSockets listening sockets systemd passed; a listener bound to the same address adopts its socket
	 * @param customizers what each listener's server builder gets, in order
	 * @param keepTcp whether net.devh's TCP server serves beside the sockets ({@code grpc.uds.keep-tcp})
	 * @param callExecution where the socket listeners' service methods run (non-blocking ones, the executor of
	 * the others)
	 */
	public UdsGrpcServerFactory(GrpcServerProperties serverProperties, List<GrpcServerConfigurer> serverConfigurers,
			UdsListeners listeners, UdsEventLoops eventLoops, InheritedSockets inheritedSockets,
			List<UdsServerBuilderCustomizer> customizers, boolean keepTcp, UdsCallExecution callExecution) {
		this.callExecution = callExecution;
		this.serverProperties = serverProperties;
		this.serverConfigurers = List.copyOf(serverConfigurers);
		this.listeners = listeners;
		this.eventLoops = eventLoops;
		this.inheritedSockets = inheritedSockets;
		this.customizers = List.copyOf(customizers);
		this.keepTcp = keepTcp;
	}

	@Override
	public UdsServer createServer() {
		UdsServer.Builder builder = UdsServer.builder()
			.eventLoops(this.eventLoops)
			.inheritedSockets(this.inheritedSockets)
			.listeners(this.listeners);
		this.customizers.forEach(builder::customizer);
		this.services.forEach((service) -> builder.addService(service.getDefinition()));
		this.callExecution.applyTo(builder);
		if (this.keepTcp && !isTcpEnabled()) {
			logger.info("grpc.uds.keep-tcp is true but grpc.server.port is -1: no TCP port is opened");
		}
		if (isTcpEnabled()) {
			warnIfTcpBypassesPeerChecks();
			builder.addServer((callsInFlight) -> withServices(
					new NettyGrpcServerFactory(this.serverProperties, countingCalls(callsInFlight))).createServer());
		}
		if (this.serverProperties.getInProcessName() != null) {
			builder.addServer((callsInFlight) -> withServices(
					new InProcessGrpcServerFactory(this.serverProperties, countingCalls(callsInFlight)))
				.createServer());
		}
		UdsServer created = builder.build();
		this.server = created;
		return created;
	}

	private List<GrpcServerConfigurer> countingCalls(ServerStreamTracer.Factory callsInFlight) {
		List<GrpcServerConfigurer> configurers = new ArrayList<>(this.serverConfigurers);
		configurers.add((builder) -> builder.addStreamTracerFactory(callsInFlight));
		return configurers;
	}

	private GrpcServerFactory withServices(GrpcServerFactory factory) {
		this.services.forEach(factory::addService);
		return factory;
	}

	private void warnIfTcpBypassesPeerChecks() {
		List<String> checked = this.listeners.asList().stream()
			.filter((listener) -> !listener.peerAccess().isOpen())
			.map(UdsListener::name)
			.toList();
		if (!checked.isEmpty()) {
			logger.warn("grpc.uds.keep-tcp=true: the TCP port serves the same services without the peer checks of "
					+ "socket listener(s) " + checked + "; TCP has no peer credentials. Protect it by other means "
					+ "(TLS client certificates, a loopback address, a firewall) or leave keep-tcp off.");
		}
	}

	/**
	 * Whether a TCP server is part of the servers: {@code grpc.uds.keep-tcp=true} and a port other than -1.
	 * @return true when TCP is served too
	 */
	public boolean isTcpEnabled() {
		return this.keepTcp && this.serverProperties.getPort() != -1;
	}

	/**
	 * The calls in flight on the servers made last.
	 * @return the number of calls started and not yet closed
	 */
	public int getCallsInFlight() {
		UdsServer current = this.server;
		return (current != null) ? current.getCallsInFlight() : 0;
	}

	/**
	 * What each socket listener of the servers made last is doing, for health checks.
	 * @return one status per listener, in declaration order; not listening before the servers are made
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
	 * The sockets the servers listen on.
	 * @return the listeners
	 */
	public UdsListeners getListeners() {
		return this.listeners;
	}

	/**
	 * The address in net.devh's form: the first socket as {@code unix:/path}, or the TCP address when there is no
	 * socket listener.
	 */
	@Override
	public String getAddress() {
		return this.listeners.asList().stream().findFirst().map(UdsListener::target)
			.orElseGet(this.serverProperties::getAddress);
	}

	/**
	 * The configured TCP port when TCP is kept, otherwise -1: no port is open.
	 */
	@Override
	public int getPort() {
		return isTcpEnabled() ? this.serverProperties.getPort() : -1;
	}

	/**
	 * Registers a service that net.devh discovered, logged once here rather than once per server.
	 * @throws IllegalStateException for a second service of the same name
	 */
	@Override
	public void addService(GrpcServiceDefinition service) {
		String name = service.getDefinition().getServiceDescriptor().getName();
		for (GrpcServiceDefinition existing : this.services) {
			if (existing.getDefinition().getServiceDescriptor().getName().equals(name)) {
				throw new IllegalStateException("Found duplicate service implementation: " + name);
			}
		}
		logger.info("Registered gRPC service: " + name + ", bean: " + service.getBeanName() + ", class: "
				+ service.getBeanClazz().getName());
		this.services.add(service);
	}

}
