package io.github.udsgrpc.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.udsgrpc.benchmarks.report.Machine;
import io.github.udsgrpc.benchmarks.report.Report;

/**
 * Runs the benchmark suite and writes results.csv, results.md and results.png.
 */
public final class BenchMain {

	private BenchMain() {
	}

	public static void main(String[] args) {
		if (List.of(args).contains("--help")) {
			System.out.print(Options.USAGE);
			return;
		}
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(Options.USAGE);
			System.exit(2);
			return;
		}
		int status = 0;
		try {
			Instant started = Instant.now();
			String loadAtStart = Machine.loadAverage();
			System.out.printf("uds-grpc benchmarks: %d rounds, transports %s, workloads %s%n", options.rounds(),
					options.transports(), options.workloads());
			Results results = new Runner(options, System.out).run();
			Duration elapsed = Duration.between(started, Instant.now());
			List<Path> files = new Report(options, results, started, elapsed, loadAtStart, Machine.loadAverage())
				.write(options.outputDirectory());
			System.out.printf("%nDone in %d min %02d s. Wrote:%n", elapsed.toMinutes(), elapsed.toSecondsPart());
			files.forEach((file) -> System.out.println("  " + file));
			if (!results.failures().isEmpty()) {
				System.out.println(results.failures().size() + " measurements failed; see results.md");
				status = 1;
			}
		}
		catch (Exception ex) {
			ex.printStackTrace();
			status = 1;
		}
		// net.devh's socket server and channels make event loop groups with non-daemon threads that nothing shuts
		// down: without this the JVM would never exit.
		System.exit(status);
	}

}
