package io.github.udsgrpc.benchmarks.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.benchmarks.driver.DriverProtocol;

/**
 * A JVM that the harness starts: a server of {@code --two-process} ({@link TwoProcessTransport}), or a server or
 * client of an {@link AppTransport}. It runs with this JVM's {@code java} binary and options (a flight recording's
 * file name gets a suffix of its own) and is talked to over its standard input and output ({@link DriverProtocol});
 * its other output is copied to the harness's, prefixed with its label.
 *
 * <p>
 * Three things stop it, so that no child outlives the run: {@link #close()} closes its standard input, which it
 * reads until end of file; the same end of file comes when this JVM dies in any way, {@code kill -9} included,
 * because the kernel closes the pipe; and a shutdown hook of this JVM kills every child still running when it exits
 * normally or on a signal.
 */
final class ChildJvm implements AutoCloseable {

	private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "stop-child-jvms"));
	}

	/** How many of the child's last lines of output a failure quotes. */
	private static final int QUOTED_LINES = 8;

	/** Stands for the end of the child's output in {@link #lines}. */
	private static final String END = "\u0000end";

	private final String label;

	private final String name;

	private final Process process;

	private final Writer input;

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private final Deque<String> lastLines = new ArrayDeque<>();

	private final String args;

	private ChildJvm(String label, String name, Process process, String args) {
		this.label = label;
		this.name = name;
		this.process = process;
		this.args = args;
		this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
	}

	/**
	 * Starts a JVM; {@link #awaitReady()} waits until it serves or calls.
	 * @param label its name in the output, e.g. {@code client app-starter-uds}
	 * @param name its name in failures, e.g. {@code client app-starter-uds JVM}
	 * @param recording what its flight recording's file name gets, e.g. {@code app3-client}
	 * @param classPath its class path
	 * @param mainClass its main class
	 * @param args its arguments
	 * @param jvmOptions JVM options besides this JVM's
	 * @param out where its output goes
	 * @return the child
	 * @throws IOException if it cannot be started
	 */
	static ChildJvm spawn(String label, String name, String recording, String classPath, String mainClass,
			List<String> args, List<String> jvmOptions, PrintStream out) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
			command.add(childOption(option, recording));
		}
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(classPath);
		command.add(mainClass);
		command.addAll(args);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		RUNNING.add(process);
		ChildJvm child = new ChildJvm(label, name, process, String.join(" ", args));
		Thread pump = new Thread(() -> child.pump(out), "output-of-" + label);
		pump.setDaemon(true);
		pump.start();
		return child;
	}

	/**
	 * A JVM option of this JVM as a child gets it: the same, except a flight recording's file name.
	 * @param option the option
	 * @param suffix what the child's recording's file name gets, e.g. {@code server2}
	 * @return the option for the child
	 */
	static String childOption(String option, String suffix) {
		return option.startsWith("-XX:StartFlightRecording")
				? option.replaceAll("filename=([^,]+?)(\\.jfr)?(?=,|$)", "filename=$1-" + suffix + ".jfr")
				: option;
	}

	/**
	 * Waits for the child's {@code ready} line, collecting the {@code info} lines before it; kills the child if it
	 * does not come.
	 * @return the child, and what it said
	 * @throws IOException if it exited or is not ready within 2 minutes
	 */
	Started awaitReady() throws IOException {
		try {
			Map<String, String> info = new LinkedHashMap<>();
			String ready = await(Duration.ofMinutes(2), "start");
			while (ready.startsWith(DriverProtocol.INFO + " ")) {
				String pair = ready.substring(DriverProtocol.INFO.length() + 1);
				int equals = pair.indexOf('=');
				info.put(pair.substring(0, Math.max(0, equals)), pair.substring(equals + 1));
				ready = await(Duration.ofMinutes(2), "start");
			}
			if (!ready.startsWith(DriverProtocol.READY)) {
				throw new IOException("expected '" + DriverProtocol.READY + "', got '" + ready + "'");
			}
			return new Started(this, ready.substring(DriverProtocol.READY.length()).trim(), info);
		}
		catch (IOException ex) {
			kill();
			throw new IOException(
					"The " + this.name + " did not get ready: " + ex.getMessage() + "; arguments: " + this.args, ex);
		}
	}

	/**
	 * A started child and what its ready line said.
	 *
	 * @param jvm the child
	 * @param ready the rest of its ready line, e.g. {@code connect=true}
	 * @param info what it told before, e.g. {@code versions -> ...}
	 */
	record Started(ChildJvm jvm, String ready, Map<String, String> info) {
	}

	/**
	 * The next protocol line (without {@link DriverProtocol#PREFIX}).
	 * @param timeout how long to wait
	 * @param what what is waited for, for the error message
	 * @return the line
	 * @throws IOException if the child exited or said nothing in time, quoting its last output
	 */
	String await(Duration timeout, String what) throws IOException {
		try {
			String line = this.lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (line == null || line.equals(END)) {
				this.lines.add(END);
				String status = (line == null) ? "no answer to " + what + " within " + timeout.toSeconds() + " s"
						: "it exited" + exitCode();
				synchronized (this.lastLines) {
					throw new IOException(status
							+ (this.lastLines.isEmpty() ? "" : ", its last output: " + String.join(" | ", this.lastLines)));
				}
			}
			return line;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
	}

	/**
	 * Sends a command and waits for its answer.
	 * @param command the command line
	 * @param timeout how long the answer may take
	 * @return the answer line
	 * @throws IOException if the child exited or did not answer in time
	 */
	String call(String command, Duration timeout) throws IOException {
		this.input.write(command + "\n");
		this.input.flush();
		return await(timeout, "'" + command + "'");
	}

	/**
	 * The child's process id.
	 * @return the pid
	 */
	long pid() {
		return this.process.pid();
	}

	private void pump(PrintStream out) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith(DriverProtocol.PREFIX)) {
					this.lines.add(line.substring(DriverProtocol.PREFIX.length()));
				}
				else {
					out.println("   [" + this.label + "] " + line);
					synchronized (this.lastLines) {
						this.lastLines.addLast(line);
						if (this.lastLines.size() > QUOTED_LINES) {
							this.lastLines.removeFirst();
						}
					}
				}
			}
		}
		catch (IOException ex) {
			// the child is gone
		}
		this.lines.add(END);
	}

	private String exitCode() {
		try {
			return this.process.waitFor(5, TimeUnit.SECONDS) ? " with status " + this.process.exitValue() : "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	/**
	 * Stops the child: end of its standard input, then SIGTERM after 20 s, then SIGKILL after 5 s more.
	 * @throws IOException if it had to be killed, or exited with a failure status
	 */
	@Override
	public void close() throws IOException {
		try {
			try {
				this.input.close();
			}
			catch (IOException ex) {
				// already gone
			}
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroy();
				if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
					kill();
				}
				throw new IOException("The " + this.name + " did not stop within 20 s and was killed");
			}
			if (this.process.exitValue() != 0) {
				throw new IOException("The " + this.name + " exited with status " + this.process.exitValue());
			}
		}
		catch (InterruptedException ex) {
			kill();
			Thread.currentThread().interrupt();
		}
		finally {
			RUNNING.remove(this.process);
		}
	}

	void kill() {
		this.process.destroyForcibly();
		RUNNING.remove(this.process);
	}

}
