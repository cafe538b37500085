package io.github.udsgrpc.autoconfigure.process;

import io.github.udsgrpc.autoconfigure.testsupport.NetDevhLine;
import io.github.udsgrpc.boot.process.BootLine;
import io.github.udsgrpc.boot.process.LinuxAbstractSocketProcessTests;
import io.github.udsgrpc.boot.process.PeerCredentialsAsAnotherUserTests;
import io.github.udsgrpc.boot.process.ProcessPermissionWindowTests;
import io.github.udsgrpc.boot.process.ProcessRestartTests;
import io.github.udsgrpc.boot.process.ProcessSigtermTests;
import io.github.udsgrpc.boot.process.ProcessStartupFailureTests;
import io.github.udsgrpc.boot.process.SocketActivationProcessTests;
import org.junit.jupiter.api.Nested;

/**
 * Every real-process scenario both Spring Boot lines share ({@code io.github.udsgrpc.boot.process}), run against the
 * Boot 3.5 line's echo application on net.devh's gRPC server.
 */
class ProcessTests {

	static final BootLine NET_DEVH = NetDevhLine.INSTANCE;

	@Nested
	class Restart extends ProcessRestartTests {

		Restart() {
			super(NET_DEVH);
		}

	}

	@Nested
	class Sigterm extends ProcessSigtermTests {

		Sigterm() {
			super(NET_DEVH);
		}

	}

	@Nested
	class StartupFailure extends ProcessStartupFailureTests {

		StartupFailure() {
			super(NET_DEVH);
		}

	}

	@Nested
	class AbstractSocket extends LinuxAbstractSocketProcessTests {

		AbstractSocket() {
			super(NET_DEVH);
		}

	}

	@Nested
	class PermissionWindow extends ProcessPermissionWindowTests {

		PermissionWindow() {
			super(NET_DEVH);
		}

	}

	@Nested
	class PeerAsAnotherUser extends PeerCredentialsAsAnotherUserTests {

		PeerAsAnotherUser() {
			super(NET_DEVH);
		}

	}

	@Nested
	class SocketActivation extends SocketActivationProcessTests {

		SocketActivation() {
			super(NET_DEVH);
		}

	}

}
