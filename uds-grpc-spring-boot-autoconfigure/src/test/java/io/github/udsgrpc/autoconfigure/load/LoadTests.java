package io.github.udsgrpc.autoconfigure.load;

import io.github.udsgrpc.autoconfigure.testsupport.NetDevhLine;
import io.github.udsgrpc.boot.load.ClientsVanishingMidStreamDoNotDisturbServerTests;
import io.github.udsgrpc.boot.load.PeersSendingGarbageDoNotDisturbOtherClientsTests;
import io.github.udsgrpc.boot.load.RepeatedContextsLeaveNoResourcesTests;
import io.github.udsgrpc.boot.load.SilentPeersDoNotDisturbOtherClientsTests;
import io.github.udsgrpc.boot.load.TenThousandStreamsOnOneConnectionTests;
import io.github.udsgrpc.boot.load.ThousandConnectionsOnOneSocketTests;
import io.github.udsgrpc.boot.process.BootLine;
import org.junit.jupiter.api.Nested;

/**
 * Every load and hostile-peer scenario both Spring Boot lines share ({@code io.github.udsgrpc.boot.load}), run
 * against the Boot 3.5 line's echo application on net.devh's gRPC server.
 */
class LoadTests {

	static final BootLine NET_DEVH = NetDevhLine.INSTANCE;

	@Nested
	class ThousandConnections extends ThousandConnectionsOnOneSocketTests {

		ThousandConnections() {
			super(NET_DEVH);
		}

	}

	@Nested
	class TenThousandStreams extends TenThousandStreamsOnOneConnectionTests {

		TenThousandStreams() {
			super(NET_DEVH);
		}

	}

	@Nested
	class SilentPeers extends SilentPeersDoNotDisturbOtherClientsTests {

		SilentPeers() {
			super(NET_DEVH);
		}

	}

	@Nested
	class GarbagePeers extends PeersSendingGarbageDoNotDisturbOtherClientsTests {

		GarbagePeers() {
			super(NET_DEVH);
		}

	}

	@Nested
	class ClientsVanishing extends ClientsVanishingMidStreamDoNotDisturbServerTests {

		ClientsVanishing() {
			super(NET_DEVH);
		}

	}

	@Nested
	class RepeatedContexts extends RepeatedContextsLeaveNoResourcesTests {

		RepeatedContexts() {
			super(NET_DEVH);
		}

	}

}
