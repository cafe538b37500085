package io.github.udsgrpc.boot.process;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code main} of each line's {@link BootLine#serverMain() server main class}: the line's echo application as a
 * program of its own, for tests that need a real server process to signal and kill.
 *
 * <p>
 * The arguments are Spring Boot command-line properties ({@code --grpc.uds.path=/tmp/x/echo.sock}). Without
 * {@code --cycles}, it starts the application and returns from {@code main}, as a Spring Boot application does:
 * the gRPC server's non-daemon thread keeps the JVM running until the context is closed (SIGTERM runs Boot's
 * shutdown hook). A failed start throws out of {@code main}, so the JVM exits with 1 unless a thread keeps it
 * alive.
 *
 * <p>
 * With {@code --cycles=N}, it starts and closes the application N times in a row in this one JVM, printing a line
 * per cycle, and then returns from {@code main}: the JVM exits (with 0) only if the closed contexts left no
 * non-daemon thread behind.
 */
public final class EchoServerMains {

	/** Printed once all cycles are done. */
	public static final String CYCLES_DONE = "EchoServerMain: all cycles done";

	private EchoServerMains() {
	}

	/**
	 * Runs the application as the arguments say.
	 * @param application a new builder of the line's application (no web server, no TCP port) for each start
	 * @param args the program's arguments
	 */
	public static void main(Supplier<SpringApplicationBuilder> application, String[] args) {
		int cycles = 0;
		List<String> springArgs = new ArrayList<>();
		for (String arg : args) {
			if (arg.startsWith("--cycles=")) {
				cycles = Integer.parseInt(arg.substring("--cycles=".length()));
			}
			else {
				springArgs.add(arg);
			}
		}
		String[] properties = springArgs.toArray(String[]::new);
		if (cycles <= 0) {
			application.get().run(properties);
			System.out.println("EchoServerMain: started, pid " + ProcessHandle.current().pid());
			return;
		}
		for (int i = 1; i <= cycles; i++) {
			try (ConfigurableApplicationContext context = application.get().run(properties)) {
				System.out.println("EchoServerMain: cycle " + i + " of " + cycles + " started");
			}
		}
		System.out.println(CYCLES_DONE + " (" + cycles + ")");
	}

}
