package io.github.udsgrpc.benchmarks.driver;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the application JVMs of both lines do around their application: a server announces itself ready and serves
 * until its standard input ends; a client runs the {@link ClientDriver}. Either way the application is closed at
 * the end, within {@value #STOP_LIMIT_MILLIS} ms or the JVM halts.
 */
public final class ChildMain {

	/** How long stopping may take before the JVM halts anyway. */
	static final long STOP_LIMIT_MILLIS = 15_000;

	private ChildMain() {
	}

	/**
	 * The protocol's output: the real standard output, in UTF-8 (units such as µs), flushed per line.
	 * @return the stream
	 */
	public static PrintStream protocolOutput() {
		return new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
	}

	/**
	 * A server: announces itself, serves until standard input ends, closes the application and exits.
	 * @param application what to close
	 * @param info what to tell the harness first, e.g. the application's layers
	 */
	public static void serve(AutoCloseable application, Map<String, String> info) {
		PrintStream out = protocolOutput();
		info.forEach((key, value) -> out.println(DriverProtocol.PREFIX + DriverProtocol.INFO + " " + key + "=" + value));
		out.println(DriverProtocol.PREFIX + DriverProtocol.READY);
		try {
			while (System.in.read() >= 0) {
				// nothing is sent: only the end of the stream counts
			}
		}
		catch (IOException ex) {
			// the parent is gone: stop as well
		}
		exit(application, 0);
	}

	/**
	 * Closes the application and exits: with the given status, 2 if closing failed, 3 if it took too long.
	 * @param application what to close
	 * @param status the exit status if closing works
	 */
	public static void exit(AutoCloseable application, int status) {
		Thread watchdog = new Thread(() -> {
			try {
				Thread.sleep(STOP_LIMIT_MILLIS);
				System.out.println("stopping took more than " + STOP_LIMIT_MILLIS + " ms; halting");
				System.out.flush();
				Runtime.getRuntime().halt(3);
			}
			catch (InterruptedException ex) {
				// stopped in time
			}
		}, "stop-watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
		int exit = status;
		try {
			application.close();
		}
		catch (Exception ex) {
			ex.printStackTrace(System.out);
			exit = 2;
		}
		// Event loop groups that nothing shuts down (net.devh's) have non-daemon threads.
		System.exit(exit);
	}

	/**
	 * A failure to start: printed last, so that the harness's error message, which quotes the last lines, names it.
	 * @param what what could not start
	 * @param ex why
	 */
	public static void failed(String what, Throwable ex) {
		ex.printStackTrace(System.out);
		System.out.println("Could not start " + what + ": " + ex);
		System.out.flush();
		Runtime.getRuntime().halt(1);
	}

}
