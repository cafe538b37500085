package io.github.udsgrpc.autoconfigure.testsupport;

import io.github.udsgrpc.boot.process.EchoServerMains;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * {@link EchoApp} as a program of its own, for tests that need a real server process to signal and kill; the
 * arguments are read by {@link EchoServerMains}.
 */
public final class EchoServerMain {

	private EchoServerMain() {
	}

	public static void main(String[] args) {
		EchoServerMains.main(() -> new SpringApplicationBuilder(EchoApp.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "grpc.server.port=0"), args);
	}

}
