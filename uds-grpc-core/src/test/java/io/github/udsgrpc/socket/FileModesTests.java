package io.github.udsgrpc.socket;

import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FileModesTests {

	@Test
	void symbolicAndOctalFormsAgree() {
		assertThat(FileModes.parse("p", "rw-rw----")).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
		assertThat(FileModes.parse("p", "660")).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
		assertThat(FileModes.parse("p", "0660")).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
		assertThat(FileModes.parse("p", "750")).isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
		assertThat(FileModes.parse("p", "000")).isEmpty();
		assertThat(FileModes.parse("p", "777")).isEqualTo(PosixFilePermissions.fromString("rwxrwxrwx"));
		assertThat(FileModes.parse("p", "001")).isEqualTo(PosixFilePermissions.fromString("--------x"));
	}

	@Test
	void describeGivesBothForms() {
		assertThat(FileModes.describe(PosixFilePermissions.fromString("rw-rw----"))).isEqualTo("rw-rw---- (0660)");
		assertThat(FileModes.describe(PosixFilePermissions.fromString("rwxr-x---"))).isEqualTo("rwxr-x--- (0750)");
	}

	@Test
	void aBadModeNamesThePropertyAndTheForms() {
		assertThatIllegalArgumentException().isThrownBy(() -> FileModes.parse("grpc.uds.file-mode", "rw-rw"))
			.withMessage("grpc.uds.file-mode must be a mode like 'rw-rw----' or '660', was 'rw-rw'");
		assertThatIllegalArgumentException().isThrownBy(() -> FileModes.parse("grpc.uds.file-mode", "889"))
			.withMessageContaining("was '889'");
	}

}
