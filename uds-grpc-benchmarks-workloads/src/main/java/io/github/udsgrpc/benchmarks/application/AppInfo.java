package io.github.udsgrpc.benchmarks.application;

import java.util.Collection;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.netty.util.Version;

/**
 * What an application JVM tells the harness of itself, so that the report shows what each variant really ran with:
 * its layers (the gRPC interceptors in its context and its web server) and, from a client, its line's versions.
 * The harness shows them as {@code server layers}, {@code client layers} and {@code client versions}.
 */
public final class AppInfo {

	/** The Netty artifact whose version the versions name: the native transport every line runs on. */
	static final String NETTY_ARTIFACT = "netty-transport-native-epoll";

	private AppInfo() {
	}

	/**
	 * The layers in one line.
	 * @param serverInterceptors the server interceptor beans of the context
	 * @param clientInterceptors the client interceptor beans of the context
	 * @param webServer the context's web server, or null for none
	 * @param webServerPort the web server's port (ignored without one)
	 * @return e.g. {@code interceptors: ObservationGrpcServerInterceptor; web: TomcatWebServer on port 8080}
	 */
	public static String layers(Collection<?> serverInterceptors, Collection<?> clientInterceptors, Object webServer,
			int webServerPort) {
		String names = Stream.concat(serverInterceptors.stream(), clientInterceptors.stream())
			.map((i) -> i.getClass().getSimpleName())
			.sorted()
			.collect(Collectors.joining(", "));
		String web = (webServer != null) ? webServer.getClass().getSimpleName() + " on port " + webServerPort : "none";
		return "interceptors: " + (names.isEmpty() ? "none" : names) + "; web: " + web;
	}

	/**
	 * The line's versions in one line. grpc-java's version is the caller's: it is a constant, which the compiler
	 * copies into the class that reads it, so it must be read by code compiled against the line's grpc-java.
	 * @param grpcJava grpc-java's version ({@code GrpcUtil.IMPLEMENTATION_VERSION})
	 * @param springBoot Spring Boot's version
	 * @param framework the gRPC framework and its version, e.g. {@code net.devh 3.1.0.RELEASE}
	 * @return e.g. {@code grpc-java 1.84.1, Netty 4.2.18.Final, Spring Boot 4.1.2, Spring gRPC 1.1.2}
	 */
	public static String versions(String grpcJava, String springBoot, String framework) {
		return "grpc-java " + grpcJava + ", Netty " + nettyVersion(NETTY_ARTIFACT) + ", Spring Boot " + springBoot
				+ ", " + framework;
	}

	/**
	 * The version of a Netty artifact on the class path.
	 * @param artifact its id, e.g. {@code netty-common}
	 * @return its version, or {@code ?} if it is not on the class path
	 */
	static String nettyVersion(String artifact) {
		Version netty = Version.identify().get(artifact);
		return (netty != null) ? netty.artifactVersion() : "?";
	}

}
