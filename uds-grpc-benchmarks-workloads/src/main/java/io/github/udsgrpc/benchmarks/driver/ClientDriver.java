package io.github.udsgrpc.benchmarks.driver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.github.udsgrpc.benchmarks.workload.Workload;
import io.github.udsgrpc.benchmarks.workload.Workloads;

/**
 * The loop of a client JVM: announces itself ready, then runs the workloads the harness names on its standard
 * input, one at a time, and answers each with one line (see {@link DriverProtocol}), until its input ends.
 */
public final class ClientDriver {

	private final ChannelTransport transport;

	private final int connectCount;

	private final PrintStream out;

	/**
	 * @param transport the application's channel
	 * @param connectCount new channels per connect measurement
	 * @param out where protocol lines go (the child's standard output)
	 */
	public ClientDriver(ChannelTransport transport, int connectCount, PrintStream out) {
		this.transport = transport;
		this.connectCount = connectCount;
		this.out = out;
	}

	/**
	 * Announces the client, then serves commands until {@code in} ends.
	 * @param in the commands
	 * @param info what to tell the harness first, e.g. the line's versions
	 * @throws IOException if reading fails
	 */
	public void serve(InputStream in, Map<String, String> info) throws IOException {
		this.transport.start();
		info.forEach((key, value) -> send(DriverProtocol.INFO + " " + key + "=" + value));
		send(DriverProtocol.READY + " connect=" + this.transport.canConnect());
		BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		String line;
		while ((line = reader.readLine()) != null) {
			if (!line.isBlank()) {
				send(answer(line.trim().split("\\s+")));
			}
		}
	}

	private String answer(String[] command) {
		try {
			Workload workload = Workloads.create(command[1], this.connectCount);
			return switch (command[0]) {
				case "warmup" -> {
					workload.warmUp(this.transport, Duration.ofMillis(Long.parseLong(command[2])));
					yield DriverProtocol.DONE;
				}
				case "run" -> DriverProtocol.RESULT + " " + DriverProtocol.encode(workload.run(this.transport,
						Duration.ofMillis(Long.parseLong(command[2])), Duration.ofMillis(Long.parseLong(command[3]))));
				default -> throw new IllegalArgumentException("Unknown command " + command[0]);
			};
		}
		catch (Exception ex) {
			return DriverProtocol.FAILED + " " + String.valueOf(ex).replace('\n', ' ');
		}
	}

	private void send(String line) {
		this.out.println(DriverProtocol.PREFIX + line);
		this.out.flush();
	}

}
