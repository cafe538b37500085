package io.github.udsgrpc.autoconfigure.process;

import io.github.udsgrpc.boot.drain.OverLimitMessagesAndMetadataTests;
import io.github.udsgrpc.boot.drain.SigtermDrainUnderLoadTests;
import io.github.udsgrpc.boot.process.BootLine;
import io.github.udsgrpc.autoconfigure.testsupport.NetDevhLine;
import org.junit.jupiter.api.Nested;

/**
 * The overload scenarios both Spring Boot lines share ({@code io.github.udsgrpc.boot.drain}): SIGTERM under load,
 * and messages and metadata over the limits from hostile peers, run against the Boot 3.5 line's echo application on
 * net.devh's gRPC server.
 */
class OverloadProcessTests {

	static final BootLine NET_DEVH = NetDevhLine.INSTANCE;

	@Nested
	class SigtermDrain extends SigtermDrainUnderLoadTests {

		SigtermDrain() {
			super(NET_DEVH);
		}

	}

	@Nested
	class OverLimit extends OverLimitMessagesAndMetadataTests {

		OverLimit() {
			super(NET_DEVH);
		}

	}

}
