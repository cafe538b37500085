package io.github.udsgrpc.boot4.load;

import io.github.udsgrpc.boot.load.ConnectionFloodTests;
import io.github.udsgrpc.boot4.testsupport.SpringGrpcLine;
import org.junit.jupiter.api.Nested;

/**
 * The connection floods both Spring Boot lines share ({@code io.github.udsgrpc.boot.load.ConnectionFloodTests}), run
 * against the Boot 4.1 line's echo application on Spring Boot's own gRPC (Spring gRPC), in a process of its own.
 */
class FloodTests {

	@Nested
	class ConnectionFlood extends ConnectionFloodTests {

		ConnectionFlood() {
			super(SpringGrpcLine.INSTANCE);
		}

	}

}
