package io.github.udsgrpc.autoconfigure.server;

import java.util.ArrayList;
import java.util.List;

import io.github.udsgrpc.autoconfigure.UdsGrpcProperties;
import io.github.udsgrpc.autoconfigure.socket.UdsEventLoops;
import io.github.udsgrpc.autoconfigure.systemd.InheritedSockets;
import io.grpc.Server;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import net.devh.boot.grpc.server.serverfactory.GrpcServerConfigurer;
import net.devh.boot.grpc.server.serverfactory.GrpcServerFactory;
import net.devh.boot.grpc.server.serverfactory.InProcessGrpcServerFactory;
import net.devh.boot.grpc.server.serverfactory.NettyGrpcServerFactory;
import net.devh.boot.grpc.server.service.GrpcServiceDefinition;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * net.devh's server factory, for sockets: one server per socket listener, plus the TCP server when
 * {@code grpc.uds.keep-tcp=true} and the in-process server when {@code grpc.server.in-process-name} is set, all
 * serving the same services with the same interceptors.
 */
public class UdsGrpcServerFactory implements GrpcServerFactory {

	private static final Log logger = LogFactory.getLog(UdsGrpcServerFactory.class);

	private final GrpcServerProperties serverProperties;

	private final List<GrpcServerConfigurer> serverConfigurers;

	private final UdsListeners listeners;

	private final UdsEventLoops eventLoops;

	private final boolean keepTcp;

	private final boolean lowLatency;

	private final int flowControlWindow;

	private final List<GrpcServiceDefinition> services = new ArrayList<>();

	private final CallsInFlight callsInFlight = new CallsInFlight();

	private volatile List<RunningListener> running = List.of();

	private final ListenerSockets listenerSockets;

	/**
	 * Creates the factory.
	 * @param serverProperties net.devh's {@code grpc.server.*} properties
	 * @param serverConfigurers net.devh's server configurers, applied to every server
	 * @param listeners the sockets to listen on
	 * @param eventLoops the shared event loops
	 * @param properties the {@code grpc.uds.*} properties: whether to keep TCP, and the low-latency profile
	 */
	public UdsGrpcServerFactory(GrpcServerProperties serverProperties, List<GrpcServerConfigurer> serverConfigurers,
			UdsListeners listeners, UdsEventLoops eventLoops, UdsGrpcProperties properties) {
		this(serverProperties, serverConfigurers, listeners, eventLoops, properties, new InheritedSockets());
	}

	/**
	 * Creates the factory, with sockets inherited from systemd for the listeners to adopt.
	 * @param serverProperties net.devh's {@code grpc.server.*} properties
	 * @param serverConfigurers net.devh's server configurers, applied to every server
	 * @param listeners the sockets to listen on
	 * @param eventLoops the shared event loops
	 * @param properties the {@code grpc.uds.*} properties: whether to keep TCP, and the low-latency profile
	 * @param inheritedSockets listening sockets systemd passed; a listener bound to the same address adopts its socket
	 */
	public UdsGrpcServerFactory(GrpcServerProperties serverProperties, List<GrpcServerConfigurer> serverConfigurers,
			UdsListeners listeners, UdsEventLoops eventLoops, UdsGrpcProperties properties,
			InheritedSockets inheritedSockets) {
		this.listenerSockets = new ListenerSockets(eventLoops, inheritedSockets);
		this.serverProperties = serverProperties;
		List<GrpcServerConfigurer> configurers = new ArrayList<>(serverConfigurers);
		configurers.add((builder) -> builder.addStreamTracerFactory(this.callsInFlight));
		this.serverConfigurers = List.copyOf(configurers);
		this.listeners = listeners;
		this.eventLoops = eventLoops;
		this.keepTcp = properties.isKeepTcp();
		this.lowLatency = properties.isLowLatency();
		this.flowControlWindow = properties.flowControlWindowBytes();
	}

	@Override
	public Server createServer() {
		List<Server> parts = new ArrayList<>();
		List<RunningListener> running = new ArrayList<>();
		for (UdsListener listener : this.listeners.asList()) {
			checkServicesExist(listener);
			OpenConnections connections = new OpenConnections();
			List<GrpcServerConfigurer> configurers = new ArrayList<>(this.serverConfigurers);
			configurers.add((builder) -> builder.addTransportFilter(connections));
			SocketListenerServer server = new SocketListenerServer(listener, this.listenerSockets.socketFor(listener),
					(socket) -> new SocketServerFactory(listener, socket, this.eventLoops, this.lowLatency,
							this.flowControlWindow, this.serverProperties, configurers, this.services)
						.createServer());
			parts.add(server);
			running.add(new RunningListener(server, connections));
		}
		this.running = List.copyOf(running);
		this.listenerSockets.reportUnclaimed();
		if (this.keepTcp && !isTcpEnabled()) {
			logger.info("grpc.uds.keep-tcp is true but grpc.server.port is -1: no TCP port is opened");
		}
		if (isTcpEnabled()) {
			warnIfTcpBypassesPeerChecks();
			NettyGrpcServerFactory tcp = new NettyGrpcServerFactory(this.serverProperties, this.serverConfigurers);
			this.services.forEach(tcp::addService);
			parts.add(tcp.createServer());
		}
		if (this.serverProperties.getInProcessName() != null) {
			InProcessGrpcServerFactory inProcess = new InProcessGrpcServerFactory(this.serverProperties,
					this.serverConfigurers);
			this.services.forEach(inProcess::addService);
			parts.add(inProcess.createServer());
		}
		return new CompositeServer(parts);
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
	 * A listener limited to some services must name registered ones: a typo would otherwise leave it serving
	 * nothing.
	 */
	private void checkServicesExist(UdsListener listener) {
		List<String> registered = this.services.stream()
			.map((service) -> service.getDefinition().getServiceDescriptor().getName())
			.toList();
		for (String name : listener.services()) {
			if (!registered.contains(name)) {
				throw new UnknownListenerServiceException(listener.name(), listener.address(), name, registered);
			}
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
	 * The calls in flight on all servers made by this factory.
	 * @return the number of calls started and not yet closed
	 */
	public int getCallsInFlight() {
		return this.callsInFlight.get();
	}

	/**
	 * What each socket listener of the servers made last is doing, for health checks.
	 * @return one status per listener, in declaration order; not listening before the servers are made
	 */
	public List<UdsListenerStatus> getListenerStatuses() {
		List<RunningListener> current = this.running;
		if (current.isEmpty()) {
			return this.listeners.asList().stream()
				.map((listener) -> new UdsListenerStatus(listener, false, false, 0))
				.toList();
		}
		return current.stream().map(RunningListener::status).toList();
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

	private record RunningListener(SocketListenerServer server, OpenConnections connections) {

		UdsListenerStatus status() {
			return new UdsListenerStatus(this.server.listener(), !this.server.isShutdown(),
					this.server.isSocketInPlace(), this.connections.get());
		}

	}

}
