package io.github.udsgrpc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The core is built and tested without Spring and without net.devh on its class path, so none of its tests can
 * lean on them by accident.
 */
class ClassPathTests {

	@Test
	void neitherSpringNorNetDevhIsOnTheClassPath() {
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("org.springframework.core.SpringVersion"));
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("org.springframework.boot.SpringApplication"));
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("net.devh.boot.grpc.server.serverfactory.GrpcServerFactory"));
	}

}
