package io.github.udsgrpc.boot4.testsupport;

import io.github.udsgrpc.boot.process.EchoServerMains;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * {@link EchoApp4} as a program of its own, for tests that need a real server process to signal and kill; the
 * arguments are read by {@link EchoServerMains}.
 */
public final class EchoServerMain4 {

	private EchoServerMain4() {
	}

	public static void main(String[] args) {
		EchoServerMains.main(() -> new SpringApplicationBuilder(EchoApp4.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.grpc.server.port=0"), args);
	}

}
