package io.github.udsgrpc.autoconfigure.actuate;

import io.github.udsgrpc.boot.health.SocketListenersHealth;
import io.github.udsgrpc.netdevh.UdsGrpcServerFactory;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Health of the gRPC server's socket listeners: up when every listener listens and its socket file is the one
 * it bound; down when the server is not running, or when a socket file was deleted or replaced (an operator's
 * {@code rm}, a cleanup job, a second instance). Details name each listener with its path, file mode, owner,
 * group, open connections, connection limit and the connections refused at it.
 */
public class UdsGrpcHealthIndicator extends AbstractHealthIndicator {

	private final UdsGrpcServerFactory serverFactory;

	/**
	 * Creates the indicator.
	 * @param serverFactory the factory of the socket servers, which knows their state
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
