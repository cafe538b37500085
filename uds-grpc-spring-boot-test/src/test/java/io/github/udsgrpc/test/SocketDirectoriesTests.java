package io.github.udsgrpc.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import io.github.udsgrpc.socket.SocketPathLimit;
import io.github.udsgrpc.test.SocketDirectories.Candidate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Choosing where test sockets go, with real directories: a short one under /tmp, and a deep one inside it.
 */
class SocketDirectoriesTests {

	private static final int LINUX = SocketPathLimit.LINUX;

	private Path shortBase;

	private Path deepBase;

	@BeforeEach
	void createBases() throws IOException {
		this.shortBase = Files.createTempDirectory(Path.of("/tmp"), "sdt");
		this.deepBase = Files.createDirectories(this.shortBase.resolve("a".repeat(60)).resolve("b".repeat(60)));
	}

	@AfterEach
	void deleteBases() {
		UdsTestSocket.deleteTree(this.shortBase);
	}

	@Test
	void skipsADeepBaseAndCreatesAPrivateDirectoryUnderTheFirstShortOne() throws IOException {
		SocketDirectories directories = new SocketDirectories(
				List.of(new Candidate("java.io.tmpdir", this.deepBase), new Candidate("TMPDIR", this.shortBase)), LINUX);
		Path created = directories.createPrivateDirectory("grpc.sock");
		assertThat(created.getParent()).isEqualTo(this.shortBase);
		assertThat(Files.getPosixFilePermissions(created)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
		assertThat(SocketPathLimit.length(created.resolve("x".repeat(SocketDirectories.NAME_ROOM))))
			.isLessThanOrEqualTo(LINUX);
	}

	@Test
	void eachCallCreatesAnotherDirectory() {
		SocketDirectories directories = new SocketDirectories(List.of(new Candidate("/tmp", this.shortBase)), LINUX);
		assertThat(directories.createPrivateDirectory("grpc.sock"))
			.isNotEqualTo(directories.createPrivateDirectory("grpc.sock"));
	}

	@Test
	void skipsABaseThatIsNotADirectory() throws IOException {
		Path missing = this.shortBase.resolve("missing");
		Path file = Files.createFile(this.shortBase.resolve("file"));
		SocketDirectories directories = new SocketDirectories(List.of(new Candidate("java.io.tmpdir", missing),
				new Candidate("TMPDIR", file), new Candidate("/tmp", this.shortBase)), LINUX);
		assertThat(directories.createPrivateDirectory("grpc.sock").getParent()).isEqualTo(this.shortBase);
	}

	@Test
	void aLongSocketNameNeedsAShorterBase() {
		// base + "/udsXXXXXXXX/" + name
		String longName = "n".repeat(LINUX - SocketPathLimit.length(this.shortBase) - 13);
		SocketDirectories directories = new SocketDirectories(List.of(new Candidate("/tmp", this.shortBase)), LINUX);
		assertThat(SocketPathLimit.length(directories.createPrivateDirectory(longName).resolve(longName)))
			.isEqualTo(LINUX);
		assertThatExceptionOfType(NoShortSocketDirectoryException.class)
			.isThrownBy(() -> directories.createPrivateDirectory(longName + "n"))
			.withMessageContaining("(" + this.shortBase + "): " + SocketPathLimit.length(this.shortBase) + " bytes, too long");
	}

	@Test
	void whenNoBaseWillDoTheErrorNamesEachWithItsReasonAndTheLimit() {
		Path missing = this.shortBase.resolve("missing");
		SocketDirectories directories = new SocketDirectories(List.of(new Candidate("java.io.tmpdir", this.deepBase),
				new Candidate("TMPDIR", this.deepBase), new Candidate("/tmp", missing)), LINUX);
		assertThatExceptionOfType(NoShortSocketDirectoryException.class)
			.isThrownBy(() -> directories.createPrivateDirectory("grpc.sock"))
			.withMessageContaining("at most 107 bytes")
			.withMessageContaining("at most 70 bytes")
			.withMessageContaining("java.io.tmpdir and TMPDIR (" + this.deepBase + "): "
					+ SocketPathLimit.length(this.deepBase) + " bytes, too long")
			.withMessageContaining("/tmp (" + missing + "): not a directory")
			.satisfies((ex) -> assertThat(ex.action()).contains("at most 70 bytes").contains("TMPDIR"));
		assertThat(this.deepBase).isEmptyDirectory();
	}

	@Test
	void aBaseWhereNoDirectoryCanBeCreatedIsReported() {
		// Nobody, not even root, creates directories in /proc.
		Path proc = Path.of("/proc");
		assumeTrue(Files.isDirectory(proc), "Linux's /proc");
		SocketDirectories directories = new SocketDirectories(List.of(new Candidate("TMPDIR", proc)), LINUX);
		assertThatExceptionOfType(NoShortSocketDirectoryException.class)
			.isThrownBy(() -> directories.createPrivateDirectory("grpc.sock"))
			.withMessageContaining("TMPDIR (/proc): cannot create a directory in it");
	}

	@Test
	void thisMachineHasAShortDirectory() {
		Path created = SocketDirectories.forThisMachine().createPrivateDirectory("grpc.sock");
		try {
			assertThat(SocketPathLimit.length(created.resolve("grpc.sock")))
				.isLessThanOrEqualTo(SocketPathLimit.current());
		}
		finally {
			UdsTestSocket.deleteTree(created);
		}
	}

}
