package io.github.udsgrpc.benchmarks.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server side of one transport in a child JVM ({@code --two-process}): the same {@code java} binary, the same
 * JVM options and the same class path as this JVM, running {@link ServerProcess}.
 *
 * <p>
 * Three things stop it, so that no server outlives the run: {@link #close()} closes its standard input, which
 * {@link ServerProcess} reads until end of file; the same end of file comes when this JVM dies in any way,
 * {@code kill -9} included, because the kernel closes the pipe; and a shutdown hook of this JVM kills every child
 * still running when it exits normally or on a signal.
 */
public final class ChildServer implements AutoCloseable {

	/** The line {@link ServerProcess} prints once its server accepts calls. */
	static final String READY = "uds-grpc-benchmarks: server ready";

	private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

	private static final AtomicInteger STARTED = new AtomicInteger();

	static {
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "stop-server-jvms"));
	}

	/** How many of the child's last lines of output a failure to start quotes. */
	private static final int QUOTED_LINES = 6;

	private final String spec;

	private final Process process;

	private final Deque<String> lastLines = new ArrayDeque<>();

	private ChildServer(String spec, Process process) {
		this.spec = spec;
		this.process = process;
	}

	/**
	 * Starts a server JVM and waits until its server accepts calls.
	 * @param spec the transport, e.g. {@code starter-uds[grpc.uds.low-latency=true]}
	 * @param socket the socket path it serves on (if it uses one)
	 * @param port the TCP port it serves on (if it uses one)
	 * @param starterProperties Spring properties for every starter-uds variant
	 * @param out where the child's output goes, each line prefixed with the transport's name
	 * @return the running child
	 * @throws IOException if the JVM cannot be started, or exits or prints nothing ready within two minutes
	 */
	public static ChildServer start(String spec, Path socket, int port, Map<String, String> starterProperties,
			PrintStream out) throws IOException {
		List<String> args = new ArrayList<>(List.of(spec, socket.toString(), Integer.toString(port)));
		starterProperties.forEach((key, value) -> args.add(key + "=" + value));
		List<String> command = javaCommand(ServerProcess.class.getName(), args, STARTED.incrementAndGet());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		RUNNING.add(process);
		ChildServer child = new ChildServer(spec, process);
		CompletableFuture<Void> ready = new CompletableFuture<>();
		Thread pump = new Thread(() -> child.pump(ready, out), "output-of-" + spec);
		pump.setDaemon(true);
		pump.start();
		try {
			ready.get(2, TimeUnit.MINUTES);
			return child;
		}
		catch (ExecutionException | TimeoutException | InterruptedException ex) {
			child.kill();
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			throw new IOException("The server JVM of " + spec + " did not get ready: "
					+ ((ex instanceof ExecutionException) ? ex.getCause().getMessage() : "no '" + READY + "' within 2 min")
					+ "; command: " + String.join(" ", command), ex);
		}
	}

	/**
	 * The command that runs a main class in a JVM like this one. JVM options are kept as they are, except that a
	 * flight recording's file name gets a suffix, so that the two JVMs do not write to the same file.
	 */
	static List<String> javaCommand(String mainClass, List<String> args, int index) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
			command.add(childOption(option, index));
		}
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass);
		command.addAll(args);
		return command;
	}

	/**
	 * A JVM option of this JVM as the child gets it: the same, except a flight recording's file name.
	 * @param option the option
	 * @param index the child's number, for the file name
	 * @return the option for the child
	 */
	static String childOption(String option, int index) {
		return childOption(option, "server" + index);
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

	/** Copies the child's output to {@code out} until it exits, and completes {@code ready} at the ready line. */
	private void pump(CompletableFuture<Void> ready, PrintStream out) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.equals(READY)) {
					ready.complete(null);
				}
				else {
					out.println("   [server " + this.spec + "] " + line);
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
		String status = exitCode();
		synchronized (this.lastLines) {
			ready.completeExceptionally(new IllegalStateException("it exited" + status
					+ (this.lastLines.isEmpty() ? "" : ", its last output: " + String.join(" | ", this.lastLines))));
		}
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
	 * The child's process id.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Stops the child: end of its standard input, then SIGTERM after 20 s, then SIGKILL after 5 s more.
	 * @throws IOException if it had to be killed, or exited with a failure status
	 */
	@Override
	public void close() throws IOException {
		try {
			try {
				this.process.getOutputStream().close();
			}
			catch (IOException ex) {
				// already gone
			}
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroy();
				if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
					kill();
				}
				throw new IOException("The server JVM of " + this.spec + " did not stop within 20 s and was killed");
			}
			if (this.process.exitValue() != 0) {
				throw new IOException(
						"The server JVM of " + this.spec + " exited with status " + this.process.exitValue());
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

	private void kill() {
		this.process.destroyForcibly();
		RUNNING.remove(this.process);
	}

}
