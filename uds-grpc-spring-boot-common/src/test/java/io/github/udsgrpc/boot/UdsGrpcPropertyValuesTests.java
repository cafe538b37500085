package io.github.udsgrpc.boot;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import io.github.udsgrpc.peer.PeerAccessPolicy;
import io.github.udsgrpc.socket.SocketFileSettings;
import io.github.udsgrpc.socket.SocketTransport;
import io.github.udsgrpc.socket.SocketTuning;
import io.github.udsgrpc.socket.UdsAddress;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How {@link UdsGrpcPropertyValues} reads the properties into the core's types: the defaults, each value, and a
 * Boot {@link InvalidConfigurationPropertyValueException} naming the property, its value and the rule for each bad one.
 */
class UdsGrpcPropertyValuesTests {

	private final UdsGrpcProperties properties = new UdsGrpcProperties();

	@Test
	void theDefaultsAreTheCoresDefaults() {
		assertThat(UdsGrpcPropertyValues.path(this.properties)).isNull();
		assertThat(UdsGrpcPropertyValues.socketFileSettings(this.properties)).isEqualTo(SocketFileSettings.DEFAULTS);
		assertThat(UdsGrpcPropertyValues.peerAccessPolicy(this.properties)).isEqualTo(PeerAccessPolicy.open());
		assertThat(UdsGrpcPropertyValues.tuning(this.properties)).isEqualTo(SocketTuning.DEFAULTS);
		assertThat(UdsGrpcPropertyValues.eventLoopThreads(this.properties)).isZero();
	}

	@Test
	void aPathIsAFileOrAnAbstractNameAndBlankIsNone() {
		this.properties.setPath("/run/app/grpc.sock");
		assertThat(UdsGrpcPropertyValues.path(this.properties)).isEqualTo(UdsAddress.file(Path.of("/run/app/grpc.sock")));
		this.properties.setPath("@app.grpc");
		assertThat(UdsGrpcPropertyValues.path(this.properties)).isEqualTo(UdsAddress.abstractName("app.grpc"));
		this.properties.setPath("  ");
		assertThat(UdsGrpcPropertyValues.path(this.properties)).isNull();
	}

	@Test
	void anInvalidPathNamesTheProperty() {
		this.properties.setPath("/run/a\0b.sock");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> UdsGrpcPropertyValues.path(this.properties))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("grpc.uds.path"))
			.withMessageContaining("Invalid socket path");
	}

	@Test
	void socketFileSettingsTakeBothModeFormsTheGroupAndTheDirectoryChoice() {
		this.properties.setFileMode("600");
		this.properties.setGroup(" sidecar ");
		this.properties.setCreateDirectories(false);
		this.properties.setDirectoryMode("rwx------");
		SocketFileSettings settings = UdsGrpcPropertyValues.socketFileSettings(this.properties);
		assertThat(settings.fileMode()).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(settings.group()).isEqualTo("sidecar");
		assertThat(settings.createDirectories()).isFalse();
		assertThat(settings.directoryMode()).isEqualTo(PosixFilePermissions.fromString("rwx------"));
	}

	@Test
	void aBadModeNamesItsPropertyAndTheForms() {
		this.properties.setDirectoryMode("rwx");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> UdsGrpcPropertyValues.socketFileSettings(this.properties))
			.withMessage("Property grpc.uds.directory-mode with value 'rwx' is invalid: must be a mode like "
					+ "'rw-rw----' or '660'");
	}

	@Test
	void thePeerPolicyAndABadIdWithHowToFindIds() {
		this.properties.setSameUserOnly(true);
		this.properties.setAllowedGids(List.of(998L));
		assertThat(UdsGrpcPropertyValues.peerAccessPolicy(this.properties))
			.isEqualTo(PeerAccessPolicy.of("test", true, List.of(), List.of(998L)));
		this.properties.setAllowedGids(List.of(998L, 4294967295L));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> UdsGrpcPropertyValues.peerAccessPolicy(this.properties))
			.satisfies((ex) -> {
				assertThat(ex.getName()).isEqualTo("grpc.uds.allowed-gids");
				assertThat(ex.getValue()).isEqualTo(List.of(998L, 4294967295L));
			})
			.withMessageContaining("group id 4294967295 is not valid: group ids are numbers from 0 to 4294967294")
			.withMessageContaining("'getent group NAME'");
	}

	@Test
	void tuningOfLowLatencyAndTheWindowWithItsBounds() {
		this.properties.setLowLatency(true);
		this.properties.setFlowControlWindow(DataSize.ofMegabytes(4));
		assertThat(UdsGrpcPropertyValues.tuning(this.properties)).isEqualTo(new SocketTuning(true, 4 * 1024 * 1024));
		this.properties.setFlowControlWindow(DataSize.ofBytes(65_535));
		assertThat(UdsGrpcPropertyValues.tuning(this.properties).flowControlWindow()).isEqualTo(65_535);
		this.properties.setFlowControlWindow(DataSize.ofGigabytes(2));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> UdsGrpcPropertyValues.tuning(this.properties))
			.withMessage("Property grpc.uds.flow-control-window with value '2147483648B' is invalid: must be between "
					+ "64KB and 2GB");
	}

	@Test
	void aNegativeThreadCountNamesTheProperty() {
		this.properties.setEventLoopThreads(-2);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> UdsGrpcPropertyValues.eventLoopThreads(this.properties))
			.withMessage("Property grpc.uds.event-loop-threads with value '-2' is invalid: must be 0 or more");
	}

	@Test
	void theTransportIsAutoByDefaultAndOtherwiseTheOneNamed() {
		assertThat(this.properties.getTransport()).isEqualTo("auto");
		assertThat(UdsGrpcPropertyValues.transport(this.properties)).as("auto").isNull();
		this.properties.setTransport("io-uring");
		assertThat(UdsGrpcPropertyValues.transport(this.properties)).isEqualTo(SocketTransport.IO_URING);
		this.properties.setTransport("NIO");
		assertThat(UdsGrpcPropertyValues.transport(this.properties)).isEqualTo(SocketTransport.NIO);
		this.properties.setTransport("uring");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> UdsGrpcPropertyValues.transport(this.properties))
			.withMessage("Property grpc.uds.transport with value 'uring' is invalid: must be one of auto, epoll, "
					+ "kqueue, io-uring, nio");
	}

}
