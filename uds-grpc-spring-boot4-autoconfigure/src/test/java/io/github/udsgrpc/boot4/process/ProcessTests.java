package io.github.udsgrpc.boot4.process;

import io.github.udsgrpc.boot.process.BootLine;
import io.github.udsgrpc.boot.process.LinuxAbstractSocketProcessTests;
import io.github.udsgrpc.boot.process.PeerCredentialsAsAnotherUserTests;
import io.github.udsgrpc.boot.process.ProcessPermissionWindowTests;
import io.github.udsgrpc.boot.process.ProcessRestartTests;
import io.github.udsgrpc.boot.process.ProcessSigtermTests;
import io.github.udsgrpc.boot.process.ProcessStartupFailureTests;
import io.github.udsgrpc.boot.process.SocketActivationProcessTests;
import io.github.udsgrpc.boot4.testsupport.SpringGrpcLine;
import org.junit.jupiter.api.Nested;

/**
 * Every real-process scenario both Spring Boot lines share ({@code io.github.udsgrpc.boot.process}), run against the
 * Boot 4.1 line's echo application on Spring Boot's own gRPC (Spring gRPC).
 */
class ProcessTests {

	static final BootLine SPRING_GRPC = SpringGrpcLine.INSTANCE;

	@Nested
	class Restart extends ProcessRestartTests {

		Restart() {
			super(SPRING_GRPC);
		}

	}

	@Nested
	class Sigterm extends ProcessSigtermTests {

		Sigterm() {
			super(SPRING_GRPC);
		}

	}

	@Nested
	class StartupFailure extends ProcessStartupFailureTests {

		StartupFailure() {
			super(SPRING_GRPC);
		}

	}

	@Nested
	class AbstractSocket extends LinuxAbstractSocketProcessTests {

		AbstractSocket() {
			super(SPRING_GRPC);
		}

	}

	@Nested
	class PermissionWindow extends ProcessPermissionWindowTests {

		PermissionWindow() {
			super(SPRING_GRPC);
		}

	}

	@Nested
	class PeerAsAnotherUser extends PeerCredentialsAsAnotherUserTests {

		PeerAsAnotherUser() {
			super(SPRING_GRPC);
		}

	}

	@Nested
	class SocketActivation extends SocketActivationProcessTests {

		SocketActivation() {
			super(SPRING_GRPC);
		}

	}

}
