package io.github.udsgrpc.boot.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.udsgrpc.server.UdsListenerStatus;

/**
 * The health of a server's socket listeners together, what both Spring Boot lines' {@code udsGrpc} health indicators
 * report: {@code UP} when every listener is up, {@code DOWN} when one is not, {@code UNKNOWN} without listeners;
 * the details name each listener with its own status and {@link SocketListenerHealth#details() details}.
 *
 * @param status the health status code: {@code UP}, {@code DOWN} or {@code UNKNOWN}
 * @param listeners each listener's status and details, by listener name, in the server's order
 */
public record SocketListenersHealth(String status, Map<String, Object> listeners) {

	/**
	 * The health of a server's listeners.
	 * @param statuses what each listener is doing
	 * @return the status and the details by listener
	 */
	public static SocketListenersHealth of(List<UdsListenerStatus> statuses) {
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
		String status = statuses.isEmpty() ? "UNKNOWN" : (allUp ? "UP" : "DOWN");
		return new SocketListenersHealth(status, listeners);
	}

}
