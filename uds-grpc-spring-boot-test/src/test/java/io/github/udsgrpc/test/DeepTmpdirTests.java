package io.github.udsgrpc.test;

import io.github.udsgrpc.test.app.PingApp;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link AbstractDeepTmpdirTests} with the Spring Boot 3.5 line's application on net.devh's gRPC; run by the
 * surefire execution {@code deep-tmpdir} only.
 */
@EnabledIfSystemProperty(named = "udsgrpc.deep-tmpdir", matches = "true")
@SpringBootTest(classes = PingApp.class)
class DeepTmpdirTests extends AbstractDeepTmpdirTests {

	DeepTmpdirTests() {
		super(PingApp.LINE);
	}

}
