package io.github.udsgrpc.netdevh;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.github.udsgrpc.boot.ServerAwaitThread;
import io.github.udsgrpc.boot.UdsGrpcServerStartedEvent;
import io.github.udsgrpc.server.UdsListener;
import io.github.udsgrpc.server.UdsServer;
import net.devh.boot.grpc.server.event.GrpcServerShutdownEvent;
import net.devh.boot.grpc.server.event.GrpcServerStartedEvent;
import net.devh.boot.grpc.server.event.GrpcServerTerminatedEvent;
import net.devh.boot.grpc.server.serverfactory.GrpcServerLifecycle;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops the socket servers with the application context. It extends net.devh's lifecycle so that
 * net.devh's own auto-configuration sees a lifecycle and creates no second one; it logs and publishes the socket
 * paths instead of net.devh's TCP port.
 */
public class UdsGrpcServerLifecycle extends GrpcServerLifecycle {

	private static final Log logger = LogFactory.getLog(UdsGrpcServerLifecycle.class);

	private final UdsGrpcServerFactory factory;

	private final Duration shutdownGracePeriod;

	private final ApplicationEventPublisher eventPublisher;

	private volatile UdsServer server;

	private ServerAwaitThread awaitThread;

	/**
	 * Creates the lifecycle.
	 * @param factory the factory of the servers
	 * @param shutdownGracePeriod how long in-flight calls may take to finish on stop; negative waits for ever
	 * @param eventPublisher publishes the started, shutdown and terminated events
	 */
	public UdsGrpcServerLifecycle(UdsGrpcServerFactory factory, Duration shutdownGracePeriod,
			ApplicationEventPublisher eventPublisher) {
		super(factory, shutdownGracePeriod, eventPublisher);
		this.factory = factory;
		this.shutdownGracePeriod = shutdownGracePeriod;
		this.eventPublisher = eventPublisher;
	}

	/**
	 * Stops after the web server's graceful shutdown has drained HTTP requests (phase
	 * {@code DEFAULT_PHASE - 1024}), which may still call this server through an injected stub, and starts after the
	 * web server. net.devh's lifecycle stops first of all.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1025;
	}

	@Override
	public boolean isRunning() {
		UdsServer current = this.server;
		return current != null && !current.isShutdown();
	}

	@Override
	protected synchronized void createAndStartGrpcServer() throws IOException {
		if (this.server != null) {
			return;
		}
		UdsServer started = this.factory.createServer().start();
		this.server = started;
		List<UdsListener> listeners = started.getListeners();
		int tcpPort = this.factory.isTcpEnabled() ? started.getPort() : -1;
		if (tcpPort >= 0) {
			logger.info("gRPC server listening on TCP port " + tcpPort + " as well (grpc.uds.keep-tcp=true)");
		}
		if (listeners.isEmpty() && tcpPort < 0) {
			logger.warn("gRPC server has no socket listener and no TCP port: set grpc.uds.path, declare a listener "
					+ "in a UdsListenerConfigurer, or set grpc.uds.keep-tcp=true");
		}
		this.eventPublisher.publishEvent(new GrpcServerStartedEvent(this, started, this.factory.getAddress(), tcpPort));
		this.eventPublisher.publishEvent(new UdsGrpcServerStartedEvent(this, started, listeners, tcpPort));
		this.awaitThread = ServerAwaitThread.start(started);
	}

	@Override
	protected synchronized void stopAndReleaseGrpcServer() {
		UdsServer current = this.server;
		if (current == null) {
			return;
		}
		this.eventPublisher.publishEvent(new GrpcServerShutdownEvent(this, current));
		try {
			// The application's log: java.util.logging may be reset by the JDK's shutdown hook meanwhile.
			current.stop(this.shutdownGracePeriod, logger::info);
		}
		finally {
			if (this.awaitThread != null) {
				this.awaitThread.join();
				this.awaitThread = null;
			}
			this.server = null;
		}
		logger.info("gRPC server on Unix sockets stopped");
		this.eventPublisher.publishEvent(new GrpcServerTerminatedEvent(this, current));
	}

}
