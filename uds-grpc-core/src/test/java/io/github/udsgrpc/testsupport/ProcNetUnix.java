package io.github.udsgrpc.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's own list of Unix sockets ({@code /proc/net/unix}), as {@code ss -x} reads it: what a socket is bound
 * to, seen from outside the JVM. The kernel prints an abstract name as {@code @name}, and every NUL byte in it as
 * another {@code @}, so trailing NULs in a bound name would show.
 */
public final class ProcNetUnix {

	/** {@code __SO_ACCEPTCON}: the socket listens. */
	private static final int LISTENING = 0x10000;

	/**
	 * One socket.
	 *
	 * @param flags the socket's flags
	 * @param inode the socket's inode (not the file's)
	 * @param path what it is bound to, {@code @name} for an abstract name, empty if nothing
	 */
	public record Entry(int flags, long inode, String path) {

		public boolean isListening() {
			return (this.flags & LISTENING) != 0;
		}

	}

	private ProcNetUnix() {
	}

	/**
	 * Every Unix socket in this network namespace.
	 * @return the sockets
	 */
	public static List<Entry> entries() {
		try {
			return Files.readAllLines(Path.of("/proc/net/unix")).stream().skip(1).map(ProcNetUnix::parse).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The listening sockets bound to exactly this path or {@code @name}.
	 * @param path the path or {@code @name}
	 * @return the sockets
	 */
	public static List<Entry> listeningOn(String path) {
		return entries().stream().filter(Entry::isListening).filter((entry) -> entry.path().equals(path)).toList();
	}

	// Num RefCount Protocol Flags Type St Inode [Path]; the path may hold spaces.
	private static Entry parse(String line) {
		String[] fields = line.trim().split("\\s+", 8);
		String path = (fields.length > 7) ? fields[7] : "";
		return new Entry(Integer.parseInt(fields[3], 16), Long.parseLong(fields[6]), path);
	}

}
