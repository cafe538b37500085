package io.github.udsgrpc.socket;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import io.github.udsgrpc.socket.SocketFileException.Reason;
import io.github.udsgrpc.testsupport.ShortTempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SocketFile} against real files and real listening sockets (the JDK's own, standing in for the gRPC
 * server and for other programs).
 */
class SocketFileTests {

	private static final Set<PosixFilePermission> RW_RW = PosixFilePermissions.fromString("rw-rw----");

	private static final Set<PosixFilePermission> RWX_RX = PosixFilePermissions.fromString("rwxr-x---");

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private static SocketFileSettings settings() {
		return new SocketFileSettings(RW_RW, null, true, RWX_RX);
	}

	private SocketFile socketFile(Path path) {
		return new SocketFile("test", path, settings());
	}

	/** Binds a JDK listening socket where SocketFile says, then publishes it: what the server does. */
	private static ServerSocketChannel bindAndPublish(SocketFile file) throws IOException {
		Path bindPath = file.prepare();
		ServerSocketChannel server = listen(bindPath);
		file.publish();
		return server;
	}

	/** The JDK's server socket, standing in for another program's server (it takes paths of up to 106 bytes). */
	private static ServerSocketChannel listen(Path path) throws IOException {
		ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		server.bind(UnixDomainSocketAddress.of(path));
		return server;
	}

	/** Through the same native probe the product uses, as the JDK's client refuses 107-byte paths. */
	private static boolean connects(Path path) {
		return SocketProbe.probe(path).liveness() == SocketProbe.Liveness.LIVE;
	}

	private static int mode(Path path) throws IOException {
		return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
	}

	private Stream<Path> leftovers() throws IOException {
		return Files.list(this.dir.path()).filter((p) -> p.getFileName().toString().startsWith(".u"));
	}

	@Test
	void publishesASocketWithTheModeAtThePathAndLeavesNoPrivateDirectory() throws IOException {
		Path path = this.dir.socket("a.sock");
		SocketFile file = socketFile(path);
		try (ServerSocketChannel server = bindAndPublish(file)) {
			assertThat(mode(path) & FileIdentity.S_IFMT).isEqualTo(FileIdentity.S_IFSOCK);
			assertThat(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)).isEqualTo(RW_RW);
			assertThat(connects(path)).isTrue();
			assertThat(file.isInPlace()).isTrue();
			assertThat(leftovers()).isEmpty();
		}
	}

	@Test
	void theBindPathIsPrivateUntilPublished() throws IOException {
		Path path = this.dir.socket("b.sock");
		SocketFile file = socketFile(path);
		Path bindPath = file.prepare();
		try {
			assertThat(bindPath.getParent().getParent()).isEqualTo(this.dir.path());
			assertThat(Files.getPosixFilePermissions(bindPath.getParent()))
				.isEqualTo(PosixFilePermissions.fromString("rwx------"));
			assertThat(path).doesNotExist();
		}
		finally {
			file.abandon();
		}
		assertThat(bindPath.getParent()).doesNotExist();
	}

	@Test
	void octalModeAndGroupAreApplied() throws IOException {
		Path path = this.dir.socket("g.sock");
		String group = Files.readAttributes(this.dir.path(), java.nio.file.attribute.PosixFileAttributes.class)
			.group()
			.getName();
		SocketFile file = new SocketFile("test", path,
				new SocketFileSettings(FileModes.parse("mode", "600"), group, true, RWX_RX));
		try (ServerSocketChannel server = bindAndPublish(file)) {
			assertThat(Files.getPosixFilePermissions(path)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
			assertThat(Files.readAttributes(path, java.nio.file.attribute.PosixFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS).group().getName()).isEqualTo(group);
		}
	}

	@Test
	void anUnknownGroupFailsBeforeAnythingIsCreated() {
		Path path = this.dir.socket("nested/g.sock");
		SocketFile file = new SocketFile("test", path,
				new SocketFileSettings(RW_RW, "no-such-group-uds", true, RWX_RX));
		assertThatExceptionOfType(SocketFileException.class).isThrownBy(file::prepare)
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.GROUP))
			.withMessageContaining("group 'no-such-group-uds' does not exist");
		assertThat(path.getParent()).doesNotExist();
	}

	@Test
	void missingDirectoriesAreCreatedWithTheDirectoryMode() throws IOException {
		Path path = this.dir.socket("one/two/c.sock");
		try (ServerSocketChannel server = bindAndPublish(socketFile(path))) {
			assertThat(Files.getPosixFilePermissions(this.dir.socket("one"))).isEqualTo(RWX_RX);
			assertThat(Files.getPosixFilePermissions(this.dir.socket("one/two"))).isEqualTo(RWX_RX);
			assertThat(connects(path)).isTrue();
		}
	}

	@Test
	void aMissingDirectoryIsNamedWhenItMayNotBeCreated() {
		Path path = this.dir.socket("absent/d.sock");
		SocketFile file = new SocketFile("test", path, new SocketFileSettings(RW_RW, null, false, RWX_RX));
		assertThatExceptionOfType(SocketFileException.class).isThrownBy(file::prepare)
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.DIRECTORY_MISSING))
			.withMessageContaining("directory " + path.getParent() + " does not exist");
		assertThat(path.getParent()).doesNotExist();
	}

	@Test
	void aFileWhereTheDirectoryShouldBeIsRefused() throws IOException {
		Files.writeString(this.dir.socket("plain"), "x");
		SocketFile file = socketFile(this.dir.socket("plain/e.sock"));
		assertThatExceptionOfType(SocketFileException.class).isThrownBy(file::prepare)
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.DIRECTORY_UNUSABLE))
			.withMessageContaining("is not a directory");
	}

	@Test
	void aRegularFileIsRefusedAndLeftByteForByte() throws IOException {
		Path path = this.dir.socket("precious");
		byte[] content = "do not lose me\n".getBytes();
		Files.write(path, content);
		FileTime modified = Files.getLastModifiedTime(path);
		SocketFile file = socketFile(path);
		assertThatExceptionOfType(SocketFileException.class).isThrownBy(file::prepare)
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.NOT_A_SOCKET))
			.withMessageContaining("taken by a regular file of 15 bytes, not a socket; it was left untouched");
		assertThat(Files.readAllBytes(path)).isEqualTo(content);
		assertThat(Files.getLastModifiedTime(path)).isEqualTo(modified);
		assertThat(leftovers()).isEmpty();
	}

	@Test
	void aDirectoryIsRefusedAndLeftWithItsContents() throws IOException {
		Path path = this.dir.socket("d.sock");
		Files.createDirectory(path);
		Files.writeString(path.resolve("inside"), "kept");
		assertThatExceptionOfType(SocketFileException.class).isThrownBy(socketFile(path)::prepare)
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.NOT_A_SOCKET))
			.withMessageContaining("taken by a directory");
		assertThat(Files.readString(path.resolve("inside"))).isEqualTo("kept");
	}

	@Test
	void linksAreNeverFollowedNorRemoved() throws IOException {
		Path target = this.dir.socket("target.txt");
		Files.writeString(target, "target");
		Path linkToFile = Files.createSymbolicLink(this.dir.socket("l1.sock"), target);
		Path linkToDir = Files.createSymbolicLink(this.dir.socket("l2.sock"), this.dir.path());
		for (Path link : new Path[] { linkToFile, linkToDir }) {
			assertThatExceptionOfType(SocketFileException.class).isThrownBy(socketFile(link)::prepare)
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.NOT_A_SOCKET))
				.withMessageContaining("a symbolic link to ");
			assertThat(Files.isSymbolicLink(link)).isTrue();
		}
		assertThat(Files.readString(target)).isEqualTo("target");
	}

	@Test
	void aLiveServersSocketIsRefusedAndKeepsServing() throws IOException {
		Path path = this.dir.socket("live.sock");
		try (ServerSocketChannel live = listen(path)) {
			Object inode = Files.getAttribute(path, "unix:ino");
			assertThatExceptionOfType(SocketFileException.class).isThrownBy(socketFile(path)::prepare)
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.IN_USE))
				.withMessageContaining("in use by a live server");
			assertThat(Files.getAttribute(path, "unix:ino")).isEqualTo(inode);
			assertThat(connects(path)).isTrue();
			assertThat(leftovers()).isEmpty();
		}
	}

	@Test
	void aStaleSocketIsReplaced() throws IOException {
		Path path = this.dir.socket("stale.sock");
		listen(path).close(); // the JDK leaves the file behind, like a process killed with -9
		assertThat(path).exists();
		assertThat(connects(path)).isFalse();
		try (ServerSocketChannel server = bindAndPublish(socketFile(path))) {
			assertThat(connects(path)).isTrue();
		}
	}

	@Test
	void somethingThatAppearsBetweenPrepareAndPublishIsLeftAlone() throws IOException {
		Path path = this.dir.socket("race.sock");
		SocketFile file = socketFile(path);
		Path bindPath = file.prepare();
		try (ServerSocketChannel server = listen(bindPath)) {
			Files.writeString(path, "someone else's");
			assertThatExceptionOfType(SocketFileException.class).isThrownBy(file::publish)
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.NOT_A_SOCKET));
		}
		assertThat(Files.readString(path)).isEqualTo("someone else's");
		assertThat(leftovers()).isEmpty();
	}

	@Test
	void removeDeletesOnlyTheSocketItPublished() throws IOException {
		Path path = this.dir.socket("ours.sock");
		SocketFile first = socketFile(path);
		try (ServerSocketChannel server = bindAndPublish(first)) {
			assertThat(first.remove()).isTrue();
		}
		assertThat(path).doesNotExist();

		SocketFile predecessor = socketFile(path);
		try (ServerSocketChannel old = bindAndPublish(predecessor)) {
			// Someone removed the predecessor's file while it served, and a successor bound the path.
			Files.delete(path);
			try (ServerSocketChannel successor = bindAndPublish(socketFile(path))) {
				assertThat(predecessor.isInPlace()).isFalse();
				assertThat(predecessor.remove()).isFalse();
				assertThat(connects(path)).as("the successor still serves").isTrue();
			}
		}
	}

	@Test
	void aPathOverTheLimitIsRefusedWithLimitAndLengthBeforeAnythingIsCreated() {
		String name = "x".repeat(107 - this.dir.path().toString().length() - "/sub/".length() + 1);
		Path path = this.dir.socket("sub/" + name);
		assertThat(SocketPathLimit.length(path)).isEqualTo(108);
		SocketFile file = new SocketFile("test", path, settings(), SocketPathLimit.LINUX);
		assertThatExceptionOfType(SocketFileException.class).isThrownBy(file::prepare)
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.PATH_TOO_LONG))
			.withMessageContaining("is 108 bytes long")
			.withMessageContaining("at most 107 bytes");
		assertThat(path.getParent()).doesNotExist();
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void aDirectoryThisProcessMayNotWriteIsNamed() {
		// procfs refuses new files even to root, so this holds whoever runs the tests.
		Path path = Path.of("/proc/self/uds.sock");
		assertThatExceptionOfType(SocketFileException.class).isThrownBy(socketFile(path)::prepare)
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.DIRECTORY_NOT_WRITABLE))
			.withMessageContaining("may not create files in directory /proc/self");
	}

	@Test
	void bytesNotCharactersCount() {
		assertThat(SocketPathLimit.length(Path.of("/tmp/\u00e9"))).isEqualTo(7);
	}

}
