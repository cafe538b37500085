package io.github.udsgrpc.benchmarks.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How busy the machine's other processes kept the CPUs between two points in time: the noise under the numbers.
 * Reads /proc/stat (all CPUs) and the CPU time of this JVM and of its child processes. The CPU time of a
 * measurement ({@link #processCpuNanos()}) counts this JVM and the {@link #countPeers peers} it was told of: the
 * server JVM of the transport being measured ({@code --two-process}, or the server JVM of a client JVM that the
 * harness started), and no other. Linux only, else it reports nothing.
 */
public final class CpuMeter {

	/** Processes that are not this JVM's children but whose CPU time counts as the benchmark's own. */
	private static final Set<Long> PEERS = ConcurrentHashMap.newKeySet();

	private final long[] machineStart;

	private final long processStart;

	private CpuMeter(long[] machine, long process) {
		this.machineStart = machine;
		this.processStart = process;
	}

	/**
	 * Starts measuring.
	 * @return the meter
	 */
	public static CpuMeter start() {
		return new CpuMeter(machineJiffies(), allOwnCpuNanos());
	}

	/**
	 * Counts these processes' CPU time, and no other's, as the measured server's: the server JVM of the transport
	 * being measured.
	 * @param pids the process ids; none when the server runs in this JVM
	 */
	public static void countPeers(long... pids) {
		PEERS.clear();
		for (long pid : pids) {
			PEERS.add(pid);
		}
	}

	/**
	 * Whether the CPU time of another JVM is counted: then {@link #othersCpuNanos()} is the server's.
	 * @return true if a peer is counted
	 */
	public static boolean countsOthers() {
		return !PEERS.isEmpty();
	}

	/**
	 * The share of all CPUs' time used by other processes since {@link #start()}: 0.5 on two cores means one core
	 * was busy with something else all along.
	 * @return between 0 and 1, or NaN where it cannot be known
	 */
	public double othersShare() {
		long[] machine = machineJiffies();
		long process = allOwnCpuNanos();
		if (machine == null || this.machineStart == null || process < 0) {
			return Double.NaN;
		}
		double busy = (machine[0] - this.machineStart[0]) / 100.0; // USER_HZ is 100 on Linux
		double total = (machine[1] - this.machineStart[1]) / 100.0;
		double ours = (process - this.processStart) / 1e9;
		return (total <= 0) ? Double.NaN : Math.max(0, Math.min(1, (busy - ours) / total));
	}

	/** {busy, total} jiffies of all CPUs, from the first line of /proc/stat. */
	private static long[] machineJiffies() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			long total = 0;
			for (int i = 1; i < fields.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
				long value = Long.parseLong(fields[i]);
				total += value;
				if (i != 4 && i != 5) {
					busy += value;
				}
			}
			return new long[] { busy, total };
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/** CPU time used so far by this JVM and all its child processes: the benchmark's own. */
	private static long allOwnCpuNanos() {
		long own = ownCpuNanos();
		Set<Long> others = new HashSet<>(PEERS);
		ProcessHandle.current().descendants().forEach((p) -> others.add(p.pid()));
		return (own < 0) ? -1 : own + others.stream().mapToLong(CpuMeter::cpuNanos).sum();
	}

	/**
	 * CPU time used so far by this JVM and the measured server's JVM (the peers).
	 * @return nanoseconds, or -1 where it cannot be known
	 */
	public static long processCpuNanos() {
		long own = ownCpuNanos();
		return (own < 0) ? -1 : own + othersCpuNanos();
	}

	/**
	 * CPU time used so far by this JVM alone, to the nanosecond.
	 * @return nanoseconds, or -1 where it cannot be known
	 */
	public static long ownCpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return -1;
	}

	/**
	 * CPU time used so far by the measured server's JVM (the peers), in steps of 10 ms.
	 * @return nanoseconds
	 */
	public static long othersCpuNanos() {
		return PEERS.stream().mapToLong(CpuMeter::cpuNanos).sum();
	}

	/**
	 * utime + stime of a process, fields 14 and 15 of /proc/PID/stat, in clock ticks of 10 ms.
	 * @param pid the process
	 * @return nanoseconds; 0 if it is gone
	 */
	public static long cpuNanos(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// The command name (field 2) may contain spaces: count from its closing parenthesis (field 3 follows).
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

}
