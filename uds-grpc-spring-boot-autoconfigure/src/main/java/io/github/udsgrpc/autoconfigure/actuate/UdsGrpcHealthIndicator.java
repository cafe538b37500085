package io.github.udsgrpc.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.udsgrpc.netdevh.UdsGrpcServerFactory;
import io.github.udsgrpc.server.UdsListenerStatus;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Health of the gRPC server's socket listeners: up when every listener listens and its socket file is the one
 * it bound; down when the server is not running, or when a socket file was deleted or replaced (an operator's
 * {@code rm}, a cleanup job, a second instance). Details name each listener with its path, file mode, owner,
 * group and open connections.
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
		List<UdsListenerStatus> statuses = this.serverFactory.getListenerStatuses();
		Map<String, Object> listeners = new LinkedHashMap<>();
		boolean allUp = true;
		for (UdsListenerStatus status : statuses) {
			SocketListenerHealth health = SocketListenerHealth.of(status);
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("status", health.up() ? "UP" : "DOWN");
			details.putAll(health.details());
			listeners.put(status.listener().name(), details);
			allUp &= health.up();
		}
		if (statuses.isEmpty()) {
			builder.unknown().withDetail("listeners", listeners);
			return;
		}
		(allUp ? builder.up() : builder.down()).withDetail("listeners", listeners);
	}

}
