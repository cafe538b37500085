package io.github.udsgrpc.boot.diagnostics;

import io.github.udsgrpc.socket.SocketTransport;
import io.github.udsgrpc.socket.SocketTransportUnavailableException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start that failed because no transport for Unix domain sockets could be used: with
 * {@code grpc.uds.transport=auto}, neither the platform's native one nor NIO; else the one asked for.
 */
class SocketTransportUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<SocketTransportUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SocketTransportUnavailableException cause) {
		SocketTransport requested = cause.getRequested();
		StringBuilder description = new StringBuilder((requested != null)
				? "gRPC over Unix domain sockets was asked to use the " + requested.value() + " transport ("
						+ "grpc.uds.transport, or the override " + SocketTransport.OVERRIDE_PROPERTY + " / "
						+ SocketTransport.OVERRIDE_ENVIRONMENT + "), which cannot be used on "
						+ SocketTransportUnavailableException.platform() + ":"
				: "gRPC over Unix domain sockets needs Netty's epoll (Linux) or kqueue (macOS) transport, or NIO domain "
						+ "sockets (Netty 4.1.90 or later on JDK 16 or later), and none can be used on "
						+ SocketTransportUnavailableException.platform() + ":");
		cause.getReasons().forEach((reason) -> description.append(System.lineSeparator()).append("  - ").append(reason));
		return new FailureAnalysis(description.toString(), action(requested), cause);
	}

	private static String action(SocketTransport requested) {
		if (requested == SocketTransport.IO_URING) {
			return "io-uring needs Linux, the Spring Boot 4.1 line's Netty 4.2 and netty-transport-native-io_uring "
					+ "for this architecture (io.github.udsgrpc:uds-grpc-spring-boot4-starter brings it for x86_64 and "
					+ "aarch_64), and a kernel that allows io_uring (5.14 or later, not disabled by "
					+ "kernel.io_uring_disabled or a seccomp profile). Otherwise set grpc.uds.transport=auto.";
		}
		if (requested == SocketTransport.NIO) {
			return "nio needs Netty 4.1.90 or later and JDK 16 or later. Otherwise set grpc.uds.transport=auto.";
		}
		if (requested != null) {
			return "Add netty-transport-native-" + requested.value() + " for this platform (the starters bring epoll "
					+ "and kqueue for x86_64 and aarch_64), or set grpc.uds.transport=auto.";
		}
		return "Run on Linux or macOS with io.github.udsgrpc:uds-grpc-spring-boot-starter on the classpath "
				+ "(it brings netty-transport-native-epoll and netty-transport-native-kqueue for x86_64 and aarch_64), "
				+ "or add the native transport for this platform yourself. On other platforms, remove grpc.uds.path "
				+ "and unix: client addresses and use TCP.";
	}

}
