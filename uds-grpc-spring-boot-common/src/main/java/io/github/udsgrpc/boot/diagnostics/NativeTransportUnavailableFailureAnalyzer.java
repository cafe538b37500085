package io.github.udsgrpc.boot.diagnostics;

import io.github.udsgrpc.socket.NativeTransportUnavailableException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start that failed because neither epoll nor kqueue could be loaded.
 */
class NativeTransportUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<NativeTransportUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NativeTransportUnavailableException cause) {
		StringBuilder description = new StringBuilder("gRPC over Unix domain sockets needs Netty's epoll (Linux) or "
				+ "kqueue (macOS) transport, and neither can be used on " + NativeTransportUnavailableException.platform()
				+ ":");
		cause.getReasons().forEach((reason) -> description.append(System.lineSeparator()).append("  - ").append(reason));
		String action = "Run on Linux or macOS with io.github.udsgrpc:uds-grpc-spring-boot-starter on the classpath "
				+ "(it brings netty-transport-native-epoll and netty-transport-native-kqueue for x86_64 and aarch_64), "
				+ "or add the native transport for this platform yourself. On other platforms, remove grpc.uds.path "
				+ "and unix: client addresses and use TCP.";
		return new FailureAnalysis(description.toString(), action, cause);
	}

}
