package io.github.udsgrpc.benchmarks.driver;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * What an application JVM tells the harness of its layers, so that the report shows what each variant really ran
 * with: the gRPC interceptors in its context and its web server.
 */
public final class Layers {

	private Layers() {
	}

	/**
	 * A one-line description.
	 * @param interceptors the interceptor beans of the context (server and client interceptors)
	 * @param webServer the web server's description, or null for none
	 * @return e.g. {@code interceptors: ObservationGrpcServerInterceptor; web: TomcatWebServer}
	 */
	public static String describe(Collection<?> interceptors, String webServer) {
		String names = interceptors.stream()
			.map((i) -> i.getClass().getSimpleName())
			.sorted()
			.collect(Collectors.joining(", "));
		return "interceptors: " + (names.isEmpty() ? "none" : names) + "; web: "
				+ ((webServer != null) ? webServer : "none");
	}

}
