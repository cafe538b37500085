package io.github.udsgrpc.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A JVM started by a test: {@code java [options] -cp <classpath> <main> args...} with the test JVM's own
 * {@code java} binary and class path, optionally under {@code umask 000} or another user, its output (stdout and
 * stderr) going to a log file that failure messages quote.
 *
 * <p>
 * Waits are bounded polls that fail with the process's output; {@link #close()} kills the process if it is still
 * running. Use a {@link Group} to have every process of a test killed after it.
 */
public final class JavaProcess implements AutoCloseable {

	/** Options for a fast start of a short-lived JVM. */
	private static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
			"-XX:-UsePerfData", "-Xshare:auto");

	private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

	private final String name;

	private final List<String> command;

	private final Process process;

	private final Path log;

	private final long startedNanos;

	private JavaProcess(String name, List<String> command, Process process, Path log, long startedNanos) {
		this.name = name;
		this.command = command;
		this.process = process;
		this.log = log;
		this.startedNanos = startedNanos;
	}

	/**
	 * A process running {@code main} of a class on the test class path.
	 * @param name the name for messages and the log file
	 * @param mainClass the class with {@code main}
	 * @return a builder
	 */
	public static Builder mainClass(String name, Class<?> mainClass) {
		return new Builder(name, List.of("-cp", testClassPath(), mainClass.getName()));
	}

	/**
	 * A process running {@code main} of a class found on a class path of the caller's choosing.
	 * @param name the name for messages and the log file
	 * @param classPath the class path
	 * @param mainClassName the class with {@code main}
	 * @return a builder
	 */
	public static Builder mainClass(String name, Path classPath, String mainClassName) {
		return mainClass(name, classPath.toString(), mainClassName);
	}

	/**
	 * A process running {@code main} of a class found on a class path of the caller's choosing.
	 * @param name the name for messages and the log file
	 * @param classPath the class path, entries separated by {@link File#pathSeparator}
	 * @param mainClassName the class with {@code main}
	 * @return a builder
	 */
	public static Builder mainClass(String name, String classPath, String mainClassName) {
		return new Builder(name, List.of("-cp", classPath, mainClassName));
	}

	/**
	 * The test JVM's {@code java} binary.
	 * @return its path
	 */
	public static Path javaBinary() {
		Path fromHome = Path.of(System.getProperty("java.home"), "bin", "java");
		if (Files.isExecutable(fromHome)) {
			return fromHome;
		}
		return Path.of(ProcessHandle.current().info().command().orElseThrow(
				() -> new IllegalStateException("Cannot tell which java binary runs the tests")));
	}

	/**
	 * The test class path: Surefire's forked JVM sees its manifest-only booter jar as {@code -cp}, but sets
	 * {@code java.class.path} to the real class path, which is what a child JVM needs.
	 * @return the class path
	 */
	public static String testClassPath() {
		String classPath = System.getProperty("java.class.path");
		String testClasses = locationOf(JavaProcess.class).toString();
		if (classPath == null || Arrays.stream(classPath.split(File.pathSeparator)).map(Path::of)
			.map(Path::toAbsolutePath).noneMatch((entry) -> entry.equals(Path.of(testClasses).toAbsolutePath()))) {
			throw new IllegalStateException("java.class.path does not list the test classes " + testClasses
					+ " (it is " + classPath + "); a child JVM could not run them");
		}
		return classPath;
	}

	/**
	 * Where a class was loaded from (a directory or a jar).
	 * @param type the class
	 * @return its code source
	 */
	public static Path locationOf(Class<?> type) {
		try {
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The directory logs of child processes go to: {@code target/process-tests} of the module whose tests run
	 * (Surefire's {@code basedir}, else the working directory), wherever this class's jar lies.
	 * @return the directory
	 */
	public static Path logRoot() {
		String module = System.getProperty("basedir", System.getProperty("user.dir"));
		return Path.of(module, "target", "process-tests");
	}

	public String name() {
		return this.name;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public Path log() {
		return this.log;
	}

	/**
	 * What the process wrote so far (stdout and stderr).
	 * @return its output
	 */
	public String output() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(cannot read " + this.log + ": " + ex + ")";
		}
	}

	/**
	 * Describes the process and its output, for failure messages.
	 * @return the description
	 */
	public String describe() {
		String state = this.process.isAlive() ? "running" : "exited with " + this.process.exitValue();
		return "process '" + this.name + "' (pid " + pid() + ", " + state + ", log " + this.log + ")\ncommand: "
				+ String.join(" ", this.command.stream().map(JavaProcess::abbreviate).toList()) + "\n----- output -----\n"
				+ output() + "\n----- end of output of '" + this.name + "' -----";
	}

	private static String abbreviate(String argument) {
		return (argument.length() > 200) ? argument.substring(0, 100) + "...(" + argument.length() + " chars)" : argument;
	}

	/**
	 * Waits until the output contains a text.
	 * @param text the text
	 * @param timeout the longest wait
	 * @return this process
	 * @throws AssertionError if the text does not appear in time, or the process exits first
	 */
	public JavaProcess awaitOutput(String text, Duration timeout) {
		poll(() -> output().contains(text), timeout, "its output to contain \"" + text + "\"", true);
		return this;
	}

	/**
	 * Waits until a socket file is at the path.
	 * @param socket the path
	 * @param timeout the longest wait
	 * @return this process
	 * @throws AssertionError if no socket appears in time, or the process exits first
	 */
	public JavaProcess awaitSocketFile(Path socket, Duration timeout) {
		poll(() -> isSocket(socket), timeout, "a socket file at " + socket, true);
		return this;
	}

	/**
	 * Whether a socket file is at a path (not following links).
	 * @param path the path
	 * @return true if a socket is there
	 */
	public static boolean isSocket(Path path) {
		try {
			int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
			return (mode & 0170000) == 0140000;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Sends SIGTERM ({@link Process#destroy()} on Linux and macOS). */
	public void sigterm() {
		this.process.destroy();
	}

	/** Sends SIGKILL ({@link Process#destroyForcibly()} on Linux and macOS). */
	public void sigkill() {
		this.process.destroyForcibly();
	}

	/**
	 * Waits for the process to exit.
	 * @param timeout the longest wait
	 * @return the exit code
	 * @throws AssertionError if it is still running after the timeout
	 */
	public int awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError("Expected " + this.name + " to exit within " + timeout + ", it is still running: "
						+ describe());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
		return this.process.exitValue();
	}

	/**
	 * Waits for the process to exit, failing at once if its output shows it did what it should not have done (such
	 * as having started after all) instead of waiting out the timeout.
	 * @param forbiddenOutput text that must not appear while the process runs
	 * @param timeout the longest wait
	 * @return the exit code
	 * @throws AssertionError if the text appears or the process is still running after the timeout
	 */
	public int awaitExitWithout(String forbiddenOutput, Duration timeout) {
		poll(() -> !this.process.isAlive() || output().contains(forbiddenOutput), timeout, "the process to exit", false);
		if (this.process.isAlive()) {
			throw new AssertionError("Expected " + this.name + " to exit, but its output shows \"" + forbiddenOutput
					+ "\": " + describe());
		}
		return awaitExit(Duration.ofSeconds(1));
	}

	/**
	 * Time since the process was started.
	 * @return the elapsed time
	 */
	public Duration sinceStart() {
		return Duration.ofNanos(System.nanoTime() - this.startedNanos);
	}

	/**
	 * Polls a condition until it holds.
	 * @param condition the condition
	 * @param timeout the longest wait
	 * @param what what is waited for, for the failure message
	 * @param whileAlive whether to give up as soon as the process has exited
	 */
	public void poll(BooleanSupplier condition, Duration timeout, String what, boolean whileAlive) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			if (condition.getAsBoolean()) {
				return;
			}
			if (whileAlive && !this.process.isAlive()) {
				if (condition.getAsBoolean()) {
					return;
				}
				throw new AssertionError("Expected " + what + ", but the process exited first: " + describe());
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Expected " + what + " within " + timeout + ": " + describe());
			}
			sleep(POLL_INTERVAL);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

	/**
	 * Kills the process (SIGKILL) if it is still running, and waits for it to be gone.
	 */
	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
		}
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * How to start a process.
	 */
	public static final class Builder {

		private final String name;

		private final List<String> classAndPath;

		private final List<String> jvmOptions = new ArrayList<>(FAST_START);

		private final List<String> arguments = new ArrayList<>();

		private final List<String> wrapper = new ArrayList<>();

		private String umask;

		private Path logDirectory = logRoot();

		private Builder(String name, List<String> classAndPath) {
			this.name = name;
			this.classAndPath = classAndPath;
		}

		public Builder args(String... arguments) {
			this.arguments.addAll(List.of(arguments));
			return this;
		}

		public Builder jvmOptions(String... options) {
			this.jvmOptions.addAll(List.of(options));
			return this;
		}

		/**
		 * Runs the JVM under this umask: {@code sh -c 'umask 000; exec java ...'}; exec keeps the pid the JVM's.
		 */
		public Builder umask(String umask) {
			this.umask = umask;
			return this;
		}

		/**
		 * Puts a command in front of java that execs it, such as {@code setpriv --reuid=nobody ...}.
		 */
		public Builder wrappedIn(String... command) {
			this.wrapper.addAll(List.of(command));
			return this;
		}

		public Builder logDirectory(Path directory) {
			this.logDirectory = directory;
			return this;
		}

		public JavaProcess start() {
			List<String> java = new ArrayList<>(this.wrapper);
			java.add(javaBinary().toString());
			java.addAll(this.jvmOptions);
			java.addAll(this.classAndPath);
			java.addAll(this.arguments);
			List<String> command = java;
			if (this.umask != null) {
				command = List.of("sh", "-c", "umask " + this.umask + "; exec \"$@\"", "sh");
				command = new ArrayList<>(command);
				command.addAll(java);
			}
			try {
				Files.createDirectories(this.logDirectory);
				Path log = Files.createTempFile(this.logDirectory, this.name + "-", ".log");
				ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(log.toFile())
					.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
				long started = System.nanoTime();
				Process process = builder.start();
				return new JavaProcess(this.name, command, process, log, started);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start " + this.name + ": " + String.join(" ", command), ex);
			}
		}

	}

	/**
	 * The processes a test started: {@link #close()} (from {@code @AfterEach}) kills the ones still running. A
	 * shutdown hook kills them too if the test JVM is stopped first.
	 */
	public static final class Group implements AutoCloseable {

		private final List<JavaProcess> processes = new ArrayList<>();

		private final Thread shutdownHook = new Thread(this::killAll, "kill-test-child-processes");

		private final Path logDirectory;

		public Group(String testName) {
			this.logDirectory = logRoot().resolve(testName.replaceAll("[^A-Za-z0-9._-]", "_"));
			Runtime.getRuntime().addShutdownHook(this.shutdownHook);
		}

		public synchronized JavaProcess start(Builder builder) {
			JavaProcess process = builder.logDirectory(this.logDirectory).start();
			this.processes.add(process);
			return process;
		}

		/**
		 * Processes still running.
		 * @return their names and pids
		 */
		public synchronized String running() {
			return this.processes.stream().filter(JavaProcess::isAlive).map((p) -> p.name() + " (pid " + p.pid() + ")")
				.collect(Collectors.joining(", "));
		}

		private synchronized void killAll() {
			this.processes.forEach(JavaProcess::close);
		}

		@Override
		public void close() {
			killAll();
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			catch (IllegalStateException ex) {
				// Shutting down already: the hook runs.
			}
		}

	}

}
