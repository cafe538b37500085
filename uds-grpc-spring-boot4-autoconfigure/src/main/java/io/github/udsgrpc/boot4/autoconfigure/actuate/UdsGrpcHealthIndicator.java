package io.github.udsgrpc.boot4.autoconfigure.actuate;

import io.github.udsgrpc.boot.health.SocketListenersHealth;
import io.github.udsgrpc.springgrpc.UdsGrpcServerFactory;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the gRPC server's socket listeners, on Spring Boot 4's health API: up when every listener listens and
 * its socket file is the one it bound; down when the server is not running, or when a socket file was deleted or
 * replaced (an operator's {@code rm}, a cleanup job, a second instance); unknown without listeners. Details name
 * each listener with its path, file mode, owner, group, open connections, connection limit and the connections
 * refused at it.
 */
public class UdsGrpcHealthIndicator extends AbstractHealthIndicator {

	private final UdsGrpcServerFactory serverFactory;

	/**
	 * Creates the indicator.
	 * @param serverFactory the factory of the socket server, which knows its listeners' state
	 */
	public UdsGrpcHealthIndicator(UdsGrpcServerFactory serverFactory) {
		super("gRPC socket listener health check failed");
		this.serverFactory = serverFactory;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		SocketListenersHealth health = SocketListenersHealth.of(this.serverFactory.getListenerStatuses());
		builder.status(health.status()).withDetail("listeners", health.listeners());
	}

}
