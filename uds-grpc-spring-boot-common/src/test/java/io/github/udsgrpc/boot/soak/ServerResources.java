package io.github.udsgrpc.boot.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.udsgrpc.testsupport.JavaProcess;

/**
 * What another JVM of this user holds, measured from outside: its open file descriptors and how many of them are
 * sockets ({@code /proc/PID/fd}), its threads ({@code /proc/PID/status}) and their names
 * ({@code /proc/PID/task/TID/comm}), and its heap in use after a full GC ({@code jcmd PID GC.run}, then
 * {@code jcmd PID GC.heap_info}).
 *
 * <p>
 * The first {@code jcmd} starts the JVM's attach listener: a thread ("Attach Listener") and a listening socket that
 * stay. {@link #sample()} runs {@code jcmd} first and counts afterwards, so every sample has them.
 */
public final class ServerResources {

	/**
	 * A generation's line of {@code GC.heap_info}: {@code def new generation total 116224K, used 0K} (JDK 17's Serial
	 * GC), {@code DefNew total 116224K, used 0K} (JDK 25's), {@code garbage-first heap total 262144K, used 9000K}
	 * (G1). Metaspace's line has no {@code total}.
	 */
	private static final Pattern GENERATION_USED = Pattern.compile("total \\d+K, used (\\d+)K");

	private final long pid;

	private final Path jcmd;

	public ServerResources(long pid) {
		this.pid = pid;
		this.jcmd = JavaProcess.javaBinary().resolveSibling("jcmd");
		if (!Files.isExecutable(this.jcmd)) {
			throw new IllegalStateException("No jcmd next to " + JavaProcess.javaBinary()
					+ ": the soak measures the server's heap with it and needs a JDK, not a JRE");
		}
	}

	/**
	 * Measures the process: heap after a full GC first, then descriptors and threads.
	 * @return the sample
	 */
	Sample sample() {
		long heapKb = heapUsedAfterGcKb();
		return new Sample(descriptors(), sockets(), threads(), threadNames(), heapKb);
	}

	/** Its open file descriptors. */
	public int descriptors() {
		try (Stream<Path> fds = Files.list(proc().resolve("fd"))) {
			return (int) fds.count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Its open descriptors that are sockets (their link reads {@code socket:[inode]}). */
	int sockets() {
		try (Stream<Path> fds = Files.list(proc().resolve("fd"))) {
			return (int) fds.filter(ServerResources::isSocket).count();
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

	/**
	 * The CPU time it used so far, user and system, in milliseconds (100 clock ticks a second, as on every Linux we
	 * run on: getconf CLK_TCK).
	 */
	public long cpuMillis() {
		try {
			String stat = Files.readString(proc().resolve("stat"));
			// After the command name in parentheses: state is field 3; utime and stime are fields 14 and 15.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Its threads, as the kernel counts them. */
	int threads() {
		try {
			return Files.readAllLines(proc().resolve("status"))
				.stream()
				.filter((line) -> line.startsWith("Threads:"))
				.mapToInt((line) -> Integer.parseInt(line.substring("Threads:".length()).trim()))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No Threads: line in /proc/" + this.pid + "/status"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Its threads by name, numbers replaced with {@code N} ({@code uds-grpc-1-3} counts as {@code uds-grpc-N-N}).
	 * Linux keeps the first 15 bytes of a thread's name.
	 */
	Map<String, Integer> threadNames() {
		Map<String, Integer> names = new TreeMap<>();
		try (Stream<Path> tasks = Files.list(proc().resolve("task"))) {
			tasks.forEach((task) -> {
				try {
					String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).trim();
					names.merge(name.replaceAll("\\d+", "N"), 1, Integer::sum);
				}
				catch (IOException ex) {
					// The thread ended meanwhile.
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return names;
	}

	/** The heap in use right after a full GC, in KiB: what is live (and softly reachable). */
	long heapUsedAfterGcKb() {
		jcmd("GC.run");
		String info = jcmd("GC.heap_info");
		Matcher matcher = GENERATION_USED.matcher(info);
		long used = 0;
		int generations = 0;
		while (matcher.find()) {
			used += Long.parseLong(matcher.group(1));
			generations++;
		}
		if (generations == 0) {
			throw new IllegalStateException("Cannot read the heap in use from GC.heap_info: " + info);
		}
		return used;
	}

	private String jcmd(String command) {
		try {
			Process process = new ProcessBuilder(this.jcmd.toString(), String.valueOf(this.pid), command)
				.redirectErrorStream(true)
				.start();
			process.getOutputStream().close();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("jcmd " + this.pid + " " + command + " did not end within 60 s");
			}
			String text = new String(output, StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				throw new IllegalStateException(
						"jcmd " + this.pid + " " + command + " exited with " + process.exitValue() + ": " + text);
			}
			return text;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private Path proc() {
		return Path.of("/proc", String.valueOf(this.pid));
	}

	/**
	 * One measurement.
	 * @param descriptors open file descriptors
	 * @param sockets those of them that are sockets
	 * @param threads threads
	 * @param threadNames threads by name, numbers replaced with {@code N}
	 * @param heapKb heap in use after a full GC, KiB
	 */
	record Sample(int descriptors, int sockets, int threads, Map<String, Integer> threadNames, long heapKb) {

		/**
		 * Describes the sample, threads by name included.
		 * @return the description
		 */
		String describe() {
			return String.format("%d descriptors (%d sockets), heap after GC %.1f MB, %d threads %s", this.descriptors,
					this.sockets, this.heapKb / 1024.0, this.threads, this.threadNames);
		}

	}

}
