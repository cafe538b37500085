package io.github.udsgrpc.boot.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * This process's open file descriptors, as Linux lists them in /proc/self/fd.
 */
final class ProcFds {

	private static final Path FD = Path.of("/proc/self/fd");

	private ProcFds() {
	}

	static boolean available() {
		return Files.isDirectory(FD);
	}

	/** All open descriptors (less the one listing them). */
	static int all() {
		try (Stream<Path> fds = Files.list(FD)) {
			return (int) fds.count() - 1;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Open descriptors that are sockets (their link reads socket:[inode]). */
	static int sockets() {
		try (Stream<Path> fds = Files.list(FD)) {
			return (int) fds.filter(ProcFds::isSocket).count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean isSocket(Path fd) {
		try {
			return Files.readSymbolicLink(fd).toString().startsWith("socket:");
		}
		catch (IOException ex) {
			return false; // closed meanwhile
		}
	}

}
