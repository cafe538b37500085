package io.github.udsgrpc.boot4.load;

import io.github.udsgrpc.boot.load.ClientsVanishingMidStreamDoNotDisturbServerTests;
import io.github.udsgrpc.boot.load.PeersSendingGarbageDoNotDisturbOtherClientsTests;
import io.github.udsgrpc.boot.load.RepeatedContextsLeaveNoResourcesTests;
import io.github.udsgrpc.boot.load.SilentPeersDoNotDisturbOtherClientsTests;
import io.github.udsgrpc.boot.load.TenThousandStreamsOnOneConnectionTests;
import io.github.udsgrpc.boot.load.ThousandConnectionsOnOneSocketTests;
import io.github.udsgrpc.boot.process.BootLine;
import io.github.udsgrpc.boot4.testsupport.SpringGrpcLine;
import org.junit.jupiter.api.Nested;

/**
 * Every load and hostile-peer scenario both Spring Boot lines share ({@code io.github.udsgrpc.boot.load}), run
 * against the Boot 4.1 line's echo application on Spring Boot's own gRPC (Spring gRPC).
 */
class LoadTests {

	static final BootLine SPRING_GRPC = SpringGrpcLine.INSTANCE;

	@Nested
	class ThousandConnections extends ThousandConnectionsOnOneSocketTests {

		ThousandConnections() {
			super(SPRING_GRPC);
		}

	}

	@Nested
	class TenThousandStreams extends TenThousandStreamsOnOneConnectionTests {

		TenThousandStreams() {
			super(SPRING_GRPC);
		}

	}

	@Nested
	class SilentPeers extends SilentPeersDoNotDisturbOtherClientsTests {

		SilentPeers() {
			super(SPRING_GRPC);
		}

	}

	@Nested
	class GarbagePeers extends PeersSendingGarbageDoNotDisturbOtherClientsTests {

		GarbagePeers() {
			super(SPRING_GRPC);
		}

	}

	@Nested
	class ClientsVanishing extends ClientsVanishingMidStreamDoNotDisturbServerTests {

		ClientsVanishing() {
			super(SPRING_GRPC);
		}

	}

	@Nested
	class RepeatedContexts extends RepeatedContextsLeaveNoResourcesTests {

		RepeatedContexts() {
			super(SPRING_GRPC);
		}

	}

}
