package io.github.udsgrpc.test;

import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.test.app.PingApp4;
import io.github.udsgrpc.test.ping.PingGrpc;
import io.github.udsgrpc.test.ping.PingRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.grpc.client.GrpcChannelFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AbstractAutoConfigureUdsSocketTests} with the Spring Boot 4.1 line's application on Spring Boot's own gRPC:
 * a stub of {@code @ImportGrpcClients} injected into the test class, or one over a channel of
 * {@link GrpcChannelFactory}, calls through the socket.
 */
@SpringBootTest(classes = PingApp4.class)
class AutoConfigureUdsSocketTests extends AbstractAutoConfigureUdsSocketTests {

	@Autowired
	private PingGrpc.PingBlockingStub ping;

	@Autowired
	private GrpcChannelFactory channels;

	AutoConfigureUdsSocketTests() {
		super(PingApp4.LINE);
	}

	@Test
	void stubOfANamedChannelCallsTheServerThroughTheSocket() {
		assertThatThePingClientsPropertyIsTheSocketsTarget();
		assertThat(this.ping.withDeadlineAfter(1, TimeUnit.MINUTES)
			.ping(PingRequest.newBuilder().setText("hi").build())
			.getText()).isEqualTo("pong hi");
	}

	@Test
	void channelOfTheChannelFactoryByNameCallsTheServerThroughTheSocket() {
		// The context closes the channel.
		assertThat(PingGrpc.newBlockingStub(this.channels.createChannel("ping"))
			.withDeadlineAfter(1, TimeUnit.MINUTES)
			.ping(PingRequest.newBuilder().setText("by name").build())
			.getText()).isEqualTo("pong by name");
	}

}
