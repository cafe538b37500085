package io.github.udsgrpc.benchmarks.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the machine's other processes kept the CPUs between two points in time: the noise under the numbers.
 * Reads /proc/stat (all CPUs) and the CPU time of this JVM and of its child processes (the server JVMs of
 * {@code --two-process}); Linux only, else it reports nothing.
 */
public final class CpuMeter {

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
		return new CpuMeter(machineJiffies(), processCpuNanos());
	}

	/**
	 * The share of all CPUs' time used by other processes since {@link #start()}: 0.5 on two cores means one core
	 * was busy with something else all along.
	 * @return between 0 and 1, or NaN where it cannot be known
	 */
	public double othersShare() {
		long[] machine = machineJiffies();
		long process = processCpuNanos();
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

	/**
	 * CPU time used so far by this JVM and its child processes (the server JVMs of {@code --two-process}).
	 * @return nanoseconds, or -1 where it cannot be known
	 */
	public static long processCpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime() + ProcessHandle.current().descendants().mapToLong(CpuMeter::cpuNanos).sum();
		}
		return -1;
	}

	/** utime + stime of a process, fields 14 and 15 of /proc/PID/stat, in clock ticks of 10 ms; 0 if it is gone. */
	private static long cpuNanos(ProcessHandle process) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
			// The command name (field 2) may contain spaces: count from its closing parenthesis (field 3 follows).
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

}
