package io.github.udsgrpc.boot4.process;

import io.github.udsgrpc.boot.drain.OverLimitMessagesAndMetadataTests;
import io.github.udsgrpc.boot.drain.SigtermDrainUnderLoadTests;
import io.github.udsgrpc.boot.process.BootLine;
import io.github.udsgrpc.boot4.testsupport.SpringGrpcLine;
import org.junit.jupiter.api.Nested;

/**
 * The overload scenarios both Spring Boot lines share ({@code io.github.udsgrpc.boot.drain}): SIGTERM under load,
 * and messages and metadata over the limits from hostile peers, run against the Boot 4.1 line's echo application on
 * Spring Boot's own gRPC (Spring gRPC).
 */
class OverloadProcessTests {

	static final BootLine SPRING_GRPC = SpringGrpcLine.INSTANCE;

	@Nested
	class SigtermDrain extends SigtermDrainUnderLoadTests {

		SigtermDrain() {
			super(SPRING_GRPC);
		}

	}

	@Nested
	class OverLimit extends OverLimitMessagesAndMetadataTests {

		OverLimit() {
			super(SPRING_GRPC);
		}

	}

}
