package io.github.udsgrpc.autoconfigure.load;

import io.github.udsgrpc.boot.load.ConnectionFloodTests;
import io.github.udsgrpc.autoconfigure.testsupport.NetDevhLine;
import org.junit.jupiter.api.Nested;

/**
 * The connection floods both Spring Boot lines share ({@code io.github.udsgrpc.boot.load.ConnectionFloodTests}), run
 * against the Boot 3.5 line's echo application on net.devh's gRPC, in a process of its own.
 */
class FloodTests {

	@Nested
	class ConnectionFlood extends ConnectionFloodTests {

		ConnectionFlood() {
			super(NetDevhLine.INSTANCE);
		}

	}

}
