package io.github.udsgrpc.test;

import io.github.udsgrpc.test.app.PingApp4;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link AbstractDeepTmpdirTests} with the Spring Boot 4.1 line's application on Spring Boot's own gRPC; run by the
 * surefire execution {@code deep-tmpdir} only.
 */
@EnabledIfSystemProperty(named = "udsgrpc.deep-tmpdir", matches = "true")
@SpringBootTest(classes = PingApp4.class)
class DeepTmpdirTests extends AbstractDeepTmpdirTests {

	DeepTmpdirTests() {
		super(PingApp4.LINE);
	}

}
