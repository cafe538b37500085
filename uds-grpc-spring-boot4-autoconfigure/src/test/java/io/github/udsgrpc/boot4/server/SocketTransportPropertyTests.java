package io.github.udsgrpc.boot4.server;

import io.github.udsgrpc.boot.transport.AbstractSocketTransportPropertyTests;
import io.github.udsgrpc.boot4.testsupport.SpringGrpcLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@code grpc.uds.transport} in Spring Boot 4.1 applications on Linux: the scenarios both lines share
 * ({@link AbstractSocketTransportPropertyTests}), and io-uring, which only this line's Netty 4.2 has, starting the
 * socket server on io_uring and serving a hand-wired epoll client and the context's own channel.
 */
@EnabledOnOs(OS.LINUX)
class SocketTransportPropertyTests extends AbstractSocketTransportPropertyTests {

	SocketTransportPropertyTests() {
		super(SpringGrpcLine.INSTANCE);
	}

	@Test
	void ioUringStartsAndServesTheServerAndTheContextsChannels() throws Exception {
		assertStartsAndServes("io-uring");
	}

}
