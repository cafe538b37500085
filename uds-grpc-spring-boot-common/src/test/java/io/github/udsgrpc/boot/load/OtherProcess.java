package io.github.udsgrpc.boot.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What Linux tells about another process of this user in /proc: its open descriptors and the CPU time it used.
 */
final class OtherProcess {

	/** Clock ticks per second of /proc/PID/stat's times; 100 on every Linux we run on (getconf CLK_TCK). */
	private static final long TICKS_PER_SECOND = 100;

	private final long pid;

	OtherProcess(long pid) {
		this.pid = pid;
	}

	/** Its open file descriptors. */
	int descriptors() {
		try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(this.pid), "fd"))) {
			return (int) fds.count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The CPU time it used so far, user and system, in milliseconds. */
	long cpuMillis() {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(this.pid), "stat"));
			// After the command name in parentheses: state is field 3; utime and stime are fields 14 and 15.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return ticks * 1000 / TICKS_PER_SECOND;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
