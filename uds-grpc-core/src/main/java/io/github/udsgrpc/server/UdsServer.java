package io.github.udsgrpc.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.udsgrpc.peer.PeerAccessPolicy;
import io.github.udsgrpc.socket.SocketFileSettings;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.github.udsgrpc.systemd.InheritedSockets;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServerStreamTracer;

/**
 * A gRPC server on Unix domain sockets: one grpc-java server per listener, all serving the same services and started
 * and stopped as one, plus any other server given to {@link Builder#addServer} (the Spring Boot starters add the
 * TCP and in-process servers this way). grpc-netty cannot put a socket and a TCP port on one server, because a
 * NettyServer has a single channel type; one server per listener also lets each listener have its own settings.
 *
 * <pre class="code">
 * UdsServer server = UdsServer.builder()
 *     .listenUnixSocket(Path.of("/run/orders/grpc.sock"), (options) -&gt; options.sameUserOnly(true))
 *     .addService(new OrderService())
 *     .build()
 *     .start();
 * server.awaitTermination();
 * </pre>
 *
 * Every socket file rule holds: nothing at the path is lost or stolen, a stale socket is removed, the mode and group
 * are in force before the first client connects, and shutdown removes the file only if it is still this server's.
 */
public final class UdsServer extends Server {

	private static final System.Logger logger = System.getLogger(UdsServer.class.getName());

	private static final long CALLS_IN_FLIGHT_POLL_MILLIS = 20;

	/**
	 * How long no call may be in flight before draining ends: a call a client sent just before it read the server's
	 * GOAWAY is still on its way when the count first reads zero, and over a local socket it arrives within
	 * microseconds.
	 */
	private static final long QUIET_MILLIS = 100;

	private final List<ListenerServer> listenerServers;

	private final List<Server> parts;

	private final List<ServerServiceDefinition> services;

	private final CallsInFlight callsInFlight;

	private final UdsEventLoops ownEventLoops;

	private final ExecutorService ownCallExecutor;

	private final AtomicBoolean closingOwnEventLoops = new AtomicBoolean();

	private UdsServer(List<ListenerServer> listenerServers, List<Server> others, List<ServerServiceDefinition> services,
			CallsInFlight callsInFlight, UdsEventLoops ownEventLoops, ExecutorService ownCallExecutor) {
		this.listenerServers = List.copyOf(listenerServers);
		this.services = List.copyOf(services);
		List<Server> all = new ArrayList<>(listenerServers);
		all.addAll(others);
		this.parts = List.copyOf(all);
		this.callsInFlight = callsInFlight;
		this.ownEventLoops = ownEventLoops;
		this.ownCallExecutor = ownCallExecutor;
	}

	/**
	 * A builder with no listener and no service yet.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts every listener, then the other servers. If one fails, those started are stopped (their socket files
	 * removed) and the failure is thrown: a {@link io.github.udsgrpc.socket.ListenerSocketException} for a listener.
	 */
	@Override
	public UdsServer start() throws IOException {
		for (Server part : this.parts) {
			try {
				part.start();
			}
			catch (IOException | RuntimeException ex) {
				// Leave nothing half-started: the sockets bound so far are closed and their files removed.
				shutdownNow();
				throw ex;
			}
		}
		this.listenerServers.forEach((server) -> logger.log(Level.INFO, "gRPC server listening on Unix socket "
				+ server.listener().address() + " (listener '" + server.listener().name() + "')"));
		return this;
	}

	/**
	 * The listeners, in declaration order.
	 * @return them
	 */
	public List<UdsListener> getListeners() {
		return this.listenerServers.stream().map(ListenerServer::listener).toList();
	}

	/**
	 * What each listener is doing, for health checks.
	 * @return one status per listener, in declaration order
	 */
	public List<UdsListenerStatus> getListenerStatuses() {
		return this.listenerServers.stream().map(ListenerServer::status).toList();
	}

	/**
	 * The calls in flight on all servers, listeners and others.
	 * @return the number of calls started and not yet closed
	 */
	public int getCallsInFlight() {
		return this.callsInFlight.get();
	}

	/**
	 * Stops gracefully: no new connections (the socket files are removed at once), calls in flight may finish for
	 * the grace period (draining ends once no call has been in flight for 100 ms), then the rest are cancelled. Idle connections are not waited for: closing them loses
	 * nothing, and grpc-java would wait up to 10 seconds for each idle client to answer a ping after GOAWAY.
	 * How draining goes (the calls in flight when it began, and when they completed or how many were cancelled) is
	 * logged at INFO.
	 * @param gracePeriod how long calls in flight may take; zero cancels them at once, negative waits for ever
	 */
	public void stop(Duration gracePeriod) {
		stop(gracePeriod, (message) -> logger.log(Level.INFO, message));
	}

	/**
	 * Stops gracefully, as {@link #stop(Duration)}, telling how draining goes to the caller's log instead of this
	 * class's. The Spring Boot starters pass the application's log: at JVM shutdown (SIGTERM), the JDK's own shutdown
	 * hook resets {@code java.util.logging} while Spring Boot's hook stops the server, so lines logged through it
	 * may be lost.
	 * @param gracePeriod how long calls in flight may take; zero cancels them at once, negative waits for ever
	 * @param drainLog takes the lines about draining
	 */
	public void stop(Duration gracePeriod, Consumer<String> drainLog) {
		shutdown();
		try {
			awaitCallsInFlight(gracePeriod, drainLog);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			shutdownNow();
			try {
				// shutdownNow() only starts closing the listening sockets; waiting a moment here means the socket
				// files are gone and the event loops idle when the caller goes on to close them.
				awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Waits until no call has been in flight for {@value #QUIET_MILLIS} ms, the servers have terminated, or the grace
	 * period has ended. Logs how many calls were in flight when draining began and, if there were any, how long they
	 * took to complete.
	 */
	private void awaitCallsInFlight(Duration gracePeriod, Consumer<String> drainLog) throws InterruptedException {
		long millis = gracePeriod.toMillis();
		long started = System.nanoTime();
		long deadline = started + TimeUnit.MILLISECONDS.toNanos(millis);
		int atStart = this.callsInFlight.get();
		if (atStart > 0 && millis != 0) {
			drainLog.accept("gRPC server draining: " + atStart + " call(s) in flight, waiting "
					+ ((millis > 0) ? "up to " + gracePeriod : "without a time limit") + " for them to complete");
		}
		long quietSince = 0;
		boolean quiet = false;
		while (millis != 0 && !awaitTermination(CALLS_IN_FLIGHT_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
			if (this.callsInFlight.get() == 0) {
				if (!quiet) {
					quiet = true;
					quietSince = System.nanoTime();
				}
				if (System.nanoTime() - quietSince >= TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)) {
					logDrained(drainLog, atStart, started, quietSince);
					return;
				}
			}
			else {
				quiet = false;
			}
			if (millis > 0 && System.nanoTime() - deadline >= 0) {
				drainLog.accept("gRPC server shutdown grace period of " + gracePeriod + " ended with "
						+ this.callsInFlight.get() + " call(s) still in flight; cancelling them");
				return;
			}
		}
		if (millis != 0) {
			logDrained(drainLog, atStart, started, System.nanoTime()); // terminated: no call is left
		}
	}

	private static void logDrained(Consumer<String> drainLog, int atStart, long started, long completed) {
		if (atStart > 0) {
			drainLog.accept("gRPC server drained: the calls in flight completed after "
					+ TimeUnit.NANOSECONDS.toMillis(completed - started) + " ms");
		}
	}

	@Override
	public int getPort() {
		return this.parts.stream().mapToInt(Server::getPort).filter((port) -> port >= 0).findFirst().orElse(-1);
	}

	@Override
	public List<? extends SocketAddress> getListenSockets() {
		List<SocketAddress> sockets = new ArrayList<>();
		this.parts.forEach((part) -> sockets.addAll(part.getListenSockets()));
		return sockets;
	}

	/**
	 * Every service added to the builder, whether or not a listener is limited to some of them.
	 */
	@Override
	public List<ServerServiceDefinition> getServices() {
		return this.services;
	}

	@Override
	public List<ServerServiceDefinition> getImmutableServices() {
		return this.services;
	}

	/**
	 * None: the services are fixed when the server is built.
	 */
	@Override
	public List<ServerServiceDefinition> getMutableServices() {
		return List.of();
	}

	@Override
	public UdsServer shutdown() {
		this.parts.forEach(Server::shutdown);
		closeOwnEventLoopsOnTermination();
		return this;
	}

	@Override
	public UdsServer shutdownNow() {
		this.parts.forEach(Server::shutdownNow);
		closeOwnEventLoopsOnTermination();
		return this;
	}

	/**
	 * A server that made its own event loops (or its own executor for calls) closes them once it has terminated,
	 * from a short-lived daemon thread, so that no thread of it is left however it was stopped.
	 */
	private void closeOwnEventLoopsOnTermination() {
		if ((this.ownEventLoops == null && this.ownCallExecutor == null)
				|| !this.closingOwnEventLoops.compareAndSet(false, true)) {
			return;
		}
		Thread closer = new Thread(() -> {
			try {
				awaitTermination();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				if (this.ownCallExecutor != null) {
					CallExecutor.shutdown(this.ownCallExecutor);
				}
				if (this.ownEventLoops != null) {
					this.ownEventLoops.close();
				}
			}
		}, "uds-grpc-server-close");
		closer.setDaemon(true);
		closer.start();
	}

	@Override
	public boolean isShutdown() {
		return this.parts.stream().allMatch(Server::isShutdown);
	}

	@Override
	public boolean isTerminated() {
		return this.parts.stream().allMatch(Server::isTerminated);
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
		long deadline = System.nanoTime() + unit.toNanos(timeout);
		for (Server part : this.parts) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0 || !part.awaitTermination(remaining, TimeUnit.NANOSECONDS)) {
				return isTerminated();
			}
		}
		return true;
	}

	@Override
	public void awaitTermination() throws InterruptedException {
		for (Server part : this.parts) {
			part.awaitTermination();
		}
	}

	/**
	 * Declares the listeners, services and settings of a {@link UdsServer}. Listeners declared with its
	 * {@code listen...} methods start from the defaults: mode {@code rw-rw----}, the process's group, missing
	 * directories created {@code rwxr-x---}, every peer who can connect allowed, no connection limit and a handshake
	 * timeout of 10 s.
	 */
	public static final class Builder {

		private final UdsListenerRegistry listeners = new UdsListenerRegistry(SocketFileSettings.DEFAULTS,
				PeerAccessPolicy.open());

		private final List<ServerServiceDefinition> services = new ArrayList<>();

		private final List<UdsServerBuilderCustomizer> customizers = new ArrayList<>();

		private final List<Function<ServerStreamTracer.Factory, Server>> otherServers = new ArrayList<>();

		private UdsEventLoops eventLoops;

		private InheritedSockets inheritedSockets = InheritedSockets.none();

		private NonBlockingMethods nonBlocking = NonBlockingMethods.none();

		private Executor callExecutor;

		private Builder() {
		}

		/**
		 * Listens on the socket at this path, or on the abstract socket of a name written {@code @name} (Linux).
		 * @param path absolute, relative to the working directory, or {@code @name}
		 * @return this builder
		 */
		public Builder listenUnixSocket(String path) {
			this.listeners.listenUnixSocket(path);
			return this;
		}

		/**
		 * Listens on the socket at this path, or on the abstract socket of {@code @name}, with these options.
		 * @param path absolute, relative to the working directory, or {@code @name}
		 * @param options sets the listener's options
		 * @return this builder
		 */
		public Builder listenUnixSocket(String path, Consumer<UdsListenerOptions> options) {
			this.listeners.listenUnixSocket(path, options);
			return this;
		}

		/**
		 * Listens on the socket at this path.
		 * @param path absolute, or relative to the working directory
		 * @return this builder
		 */
		public Builder listenUnixSocket(Path path) {
			this.listeners.listenUnixSocket(path);
			return this;
		}

		/**
		 * Listens on the socket at this path with these options.
		 * @param path absolute, or relative to the working directory
		 * @param options sets the listener's options
		 * @return this builder
		 */
		public Builder listenUnixSocket(Path path, Consumer<UdsListenerOptions> options) {
			this.listeners.listenUnixSocket(path, options);
			return this;
		}

		/**
		 * Listens on a name in Linux's abstract namespace: no file and no permissions; pair it with a peer check.
		 * @param name the name, without {@code @}
		 * @param options sets the listener's options (file mode and group do not apply)
		 * @return this builder
		 */
		public Builder listenAbstractSocket(String name, Consumer<UdsListenerOptions> options) {
			this.listeners.listenAbstractSocket(name, options);
			return this;
		}

		/**
		 * Listens on listeners resolved elsewhere, such as those of a {@link UdsListenerRegistry} with defaults of
		 * its own.
		 * @param listeners the listeners
		 * @return this builder
		 */
		public Builder listeners(UdsListeners listeners) {
			listeners.asList().forEach(this.listeners::listen);
			return this;
		}

		/**
		 * Serves a service on every listener (unless a listener is limited to other services).
		 * @param service the service
		 * @return this builder
		 */
		public Builder addService(BindableService service) {
			ServerServiceDefinition definition = service.bindService();
			addService(definition);
			return nonBlocking(NonBlockingMethods.annotated(service.getClass(), definition.getServiceDescriptor()));
		}

		/**
		 * Serves a service, with its interceptors, on every listener (unless a listener is limited to others).
		 * @param service the service definition
		 * @return this builder
		 * @throws IllegalStateException if a service of the same name was added already
		 */
		public Builder addService(ServerServiceDefinition service) {
			String name = service.getServiceDescriptor().getName();
			if (this.services.stream().anyMatch((existing) -> existing.getServiceDescriptor().getName().equals(name))) {
				throw new IllegalStateException("Found duplicate service implementation: " + name);
			}
			this.services.add(service);
			return this;
		}

		/**
		 * Serves these services.
		 * @param services the service definitions
		 * @return this builder
		 */
		public Builder addServices(Collection<ServerServiceDefinition> services) {
			services.forEach(this::addService);
			return this;
		}

		/**
		 * Adds a customizer of every listener's server builder, applied after those added before.
		 * @param customizer the customizer
		 * @return this builder
		 */
		public Builder customizer(UdsServerBuilderCustomizer customizer) {
			this.customizers.add(Objects.requireNonNull(customizer, "customizer"));
			return this;
		}

		/**
		 * Runs these methods on the event loop thread that read their call, on socket listeners, and every other
		 * method on the {@link #callExecutor call executor}: one thread hand-off less per call, for methods that
		 * never block. Adds to those named before and to those marked {@link NonBlocking} on services added as a
		 * {@link BindableService}.
		 * @param methods the methods
		 * @return this builder
		 */
		public Builder nonBlocking(NonBlockingMethods methods) {
			this.nonBlocking = this.nonBlocking.and(Objects.requireNonNull(methods, "methods"));
			return this;
		}

		/**
		 * Runs the service methods that are not {@link #nonBlocking non-blocking} on this executor, on socket
		 * listeners. Without one, grpc-java's default executor runs every method when none is non-blocking, and a
		 * cached pool the server makes (and shuts down once it has terminated) runs the others when some are.
		 * An executor a customizer sets on the builder ({@code builder.executor(...)}) replaces both: it then
		 * runs every method. Has no effect when {@link NonBlockingMethods#everyMethod() every method} is
		 * non-blocking.
		 * @param executor the executor; its owner shuts it down after the server
		 * @return this builder
		 */
		public Builder callExecutor(Executor executor) {
			this.callExecutor = executor;
			return this;
		}

		/**
		 * Shares these event loops (and their transport) with other servers and channels. Without them the
		 * server makes its own, with Netty's default number of threads, and closes them once it has terminated.
		 * @param eventLoops the event loops; their owner closes them after the server
		 * @return this builder
		 */
		public Builder eventLoops(UdsEventLoops eventLoops) {
			this.eventLoops = eventLoops;
			return this;
		}

		/**
		 * Offers listening sockets passed by systemd ({@code LISTEN_FDS}) to the listeners: a listener whose address
		 * one of them is bound to adopts it instead of binding.
		 * @param inheritedSockets the sockets, such as {@link InheritedSockets#fromEnvironment()}
		 * @return this builder
		 */
		public Builder inheritedSockets(InheritedSockets inheritedSockets) {
			this.inheritedSockets = Objects.requireNonNull(inheritedSockets, "inheritedSockets");
			return this;
		}

		/**
		 * Adds a server that starts and stops with the listeners, such as a TCP or in-process one serving the same
		 * services.
		 * @param server makes the server, given the tracer that counts its calls in flight for {@link #stop}: add it
		 * to that server's builder ({@code addStreamTracerFactory})
		 * @return this builder
		 */
		public Builder addServer(Function<ServerStreamTracer.Factory, Server> server) {
			this.otherServers.add(server);
			return this;
		}

		/**
		 * Builds the server; nothing is bound until {@link UdsServer#start()}. Sockets passed by systemd are
		 * claimed now, and those no listener claims are reported.
		 * @return the server
		 * @throws UnknownListenerServiceException if a listener is limited to a service that was not added
		 * @throws UnknownNonBlockingMethodException if a non-blocking method is named that no service has
		 * @throws io.github.udsgrpc.socket.SocketTransportUnavailableException if a listener needs a transport and
		 * none (or not the one asked for) can be used
		 */
		public UdsServer build() {
			UdsListeners declared = this.listeners.listeners();
			declared.asList().forEach(this::checkServicesExist);
			this.nonBlocking.check(this.services.stream().map(ServerServiceDefinition::getServiceDescriptor).toList());
			boolean splitCalls = !declared.asList().isEmpty() && !this.nonBlocking.isEveryMethod()
					&& (this.callExecutor != null || !this.nonBlocking.isEmpty());
			ExecutorService ownCallExecutor = (splitCalls && this.callExecutor == null) ? CallExecutor.CACHED.create()
					: null;
			Executor callExecutor = (ownCallExecutor != null) ? ownCallExecutor
					: splitCalls ? this.callExecutor : null;
			UdsEventLoops own = (this.eventLoops != null || declared.asList().isEmpty()) ? null : new UdsEventLoops(0);
			UdsEventLoops loops = (own != null) ? own : this.eventLoops;
			CallsInFlight callsInFlight = new CallsInFlight();
			List<ListenerServer> listenerServers = new ArrayList<>();
			if (!declared.asList().isEmpty()) {
				ListenerSockets sockets = new ListenerSockets(loops, this.inheritedSockets);
				ListenerServerFactory servers = new ListenerServerFactory(loops, this.customizers, this.services,
						callsInFlight, this.nonBlocking, callExecutor);
				declared.asList()
					.forEach((listener) -> listenerServers.add(new ListenerServer(listener, sockets.socketFor(listener),
							servers)));
			}
			this.inheritedSockets.reportUnclaimed();
			List<Server> others = this.otherServers.stream().map((server) -> server.apply(callsInFlight)).toList();
			return new UdsServer(listenerServers, others, this.services, callsInFlight, own, ownCallExecutor);
		}

		/**
		 * A listener limited to some services must name added ones: a typo would otherwise leave it serving nothing.
		 */
		private void checkServicesExist(UdsListener listener) {
			List<String> registered = this.services.stream()
				.map((service) -> service.getServiceDescriptor().getName())
				.toList();
			for (String name : listener.services()) {
				if (!registered.contains(name)) {
					throw new UnknownListenerServiceException(listener.name(), listener.address(), name, registered);
				}
			}
		}

	}

}
