package io.github.udsgrpc.springgrpc;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.github.udsgrpc.boot.ServerAwaitThread;
import io.github.udsgrpc.boot.UdsGrpcServerStartedEvent;
import io.github.udsgrpc.server.UdsListener;
import io.github.udsgrpc.server.UdsServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.grpc.server.lifecycle.GrpcServerShutdownEvent;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;
import org.springframework.grpc.server.lifecycle.GrpcServerTerminatedEvent;

/**
 * Starts and stops the socket server with the application context. It is a Spring gRPC
 * {@link GrpcServerLifecycle}, so that Spring Boot's gRPC health scheduling and every listener of the started,
 * shutdown and terminated events see it as they see Boot's own server; it stops by waiting for calls in flight (not
 * for idle connections) for the grace period, and removes the socket files first.
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
	 * @param factory the factory of the server
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
	 * web server.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1025;
	}

	@Override
	public void start() {
		try {
			createAndStartGrpcServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Failed to start the gRPC server on Unix sockets", ex);
		}
	}

	@Override
	public void stop() {
		stopAndReleaseGrpcServer();
	}

	@Override
	public void stop(Runnable callback) {
		stop();
		callback.run();
	}

	@Override
	public boolean isRunning() {
		UdsServer current = this.server;
		return current != null && !current.isShutdown();
	}

	/**
	 * No TCP port: -1, as Spring gRPC reports for a socket.
	 */
	@Override
	public int getPort() {
		return -1;
	}

	@Override
	protected synchronized void createAndStartGrpcServer() throws IOException {
		if (this.server != null) {
			return;
		}
		UdsServer started = this.factory.createServer().start();
		this.server = started;
		List<UdsListener> listeners = started.getListeners();
		if (listeners.isEmpty()) {
			logger.warn("gRPC server has no socket listener: set grpc.uds.path or declare a listener in a "
					+ "UdsListenerConfigurer");
		}
		this.eventPublisher
			.publishEvent(new GrpcServerStartedEvent(this, started, started.getListenSockets().toString(), -1));
		this.eventPublisher.publishEvent(new UdsGrpcServerStartedEvent(this, started, listeners, -1));
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
