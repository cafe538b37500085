package io.github.udsgrpc.benchmarks.application;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AppInfo}: the info lines the harness shows as {@code server layers}, {@code client layers} and
 * {@code client versions}.
 */
class AppInfoTests {

	@Test
	void layersNameServerAndClientInterceptorsSortedAndTheWebServerWithItsPort() {
		String layers = AppInfo.layers(List.of(new ZetaServerInterceptor(), new AlphaServerInterceptor()),
				List.of(new MiddleClientInterceptor()), new TomcatWebServer(), 38211);
		assertThat(layers).isEqualTo("interceptors: AlphaServerInterceptor, MiddleClientInterceptor, "
				+ "ZetaServerInterceptor; web: TomcatWebServer on port 38211");
	}

	@Test
	void layersWithoutInterceptorsOrWebServer() {
		assertThat(AppInfo.layers(List.of(), List.of(), null, 0)).isEqualTo("interceptors: none; web: none");
		assertThat(AppInfo.layers(List.of(), List.of(new MiddleClientInterceptor()), null, 8080))
			.isEqualTo("interceptors: MiddleClientInterceptor; web: none");
	}

	@Test
	void versionsNameNettysNativeTransportOrAQuestionMarkWithoutIt() {
		// The test class path has Netty's common jar but no native transport.
		assertThat(AppInfo.versions("1.76.3", "3.5.16", "net.devh 3.1.0.RELEASE"))
			.isEqualTo("grpc-java 1.76.3, Netty ?, Spring Boot 3.5.16, net.devh 3.1.0.RELEASE");
		assertThat(AppInfo.versions("1.84.1", "4.1.2", "Spring gRPC null"))
			.isEqualTo("grpc-java 1.84.1, Netty ?, Spring Boot 4.1.2, Spring gRPC null");
	}

	@Test
	void nettyVersionOfAnArtifactOnTheClassPath() {
		String version = AppInfo.nettyVersion("netty-common");
		System.out.printf("[apps] netty-common on the test class path: %s%n", version);
		assertThat(version).matches("4\\.\\d+\\.\\d+\\.Final");
		assertThat(AppInfo.nettyVersion(AppInfo.NETTY_ARTIFACT)).isEqualTo("?");
	}

	static class AlphaServerInterceptor {

	}

	static class ZetaServerInterceptor {

	}

	static class MiddleClientInterceptor {

	}

	static class TomcatWebServer {

	}

}
