package io.github.udsgrpc.boot.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.udsgrpc.server.UdsListeners;
import io.github.udsgrpc.socket.SocketTransportUnavailableException;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.grpc.internal.GrpcUtil;
import io.netty.util.Version;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds {@code grpc.uds} to the info endpoint: the socket listeners (name and path), the native transport that
 * carries them (epoll or kqueue), and the grpc-java and Netty versions, which are what to compare first when a
 * socket works on one machine and not on another.
 */
public class UdsGrpcInfoContributor implements InfoContributor {

	private final UdsEventLoops eventLoops;

	private final UdsListeners listeners;

	/**
	 * Creates the contributor.
	 * @param eventLoops the shared event loops, which know the transport
	 * @param listeners the socket listeners, or {@code null} in an application that only has socket clients
	 */
	public UdsGrpcInfoContributor(UdsEventLoops eventLoops, UdsListeners listeners) {
		this.eventLoops = eventLoops;
		this.listeners = listeners;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> details = new LinkedHashMap<>();
		if (this.listeners != null) {
			details.put("listeners", this.listeners.asList().stream()
				.map((listener) -> {
					Map<String, Object> described = new LinkedHashMap<>();
					described.put("name", listener.name());
					described.put("path", listener.address().toString());
					return described;
				})
				.toList());
		}
		details.put("transport", transport());
		details.put("grpcJavaVersion", grpcJavaVersion());
		details.put("nettyVersion", nettyVersion());
		builder.withDetail("grpc.uds", details);
	}

	private String transport() {
		try {
			return this.eventLoops.transport().value();
		}
		catch (SocketTransportUnavailableException ex) {
			return "unavailable on " + SocketTransportUnavailableException.platform();
		}
	}

	/**
	 * The version of the grpc-java on the class path. {@code GrpcUtil.IMPLEMENTATION_VERSION} is a constant, which
	 * the compiler would copy into this class: read as a field, it is the running version, not the one compiled
	 * against (this class runs on both Spring Boot lines' grpc-java).
	 */
	private static String grpcJavaVersion() {
		try {
			return String.valueOf(GrpcUtil.class.getField("IMPLEMENTATION_VERSION").get(null));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return "unknown";
		}
	}

	private static String nettyVersion() {
		Version transport = Version.identify().get("netty-transport");
		return (transport != null) ? transport.artifactVersion() : "unknown";
	}

}
