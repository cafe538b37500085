package io.github.udsgrpc.test;

import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.test.app.PingApp;
import io.github.udsgrpc.test.ping.PingGrpc;
import io.github.udsgrpc.test.ping.PingRequest;
import net.devh.boot.grpc.client.inject.GrpcClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AbstractAutoConfigureUdsSocketTests} with the Spring Boot 3.5 line's application on net.devh's gRPC: a stub
 * injected into the test class calls through the socket.
 */
@SpringBootTest(classes = PingApp.class)
class AutoConfigureUdsSocketTests extends AbstractAutoConfigureUdsSocketTests {

	@GrpcClient("ping")
	private PingGrpc.PingBlockingStub ping;

	AutoConfigureUdsSocketTests() {
		super(PingApp.LINE);
	}

	@Test
	void stubOfANamedClientCallsTheServerThroughTheSocket() {
		assertThatThePingClientsPropertyIsTheSocketsTarget();
		assertThat(this.ping.withDeadlineAfter(1, TimeUnit.MINUTES)
			.ping(PingRequest.newBuilder().setText("hi").build())
			.getText()).isEqualTo("pong hi");
	}

}
