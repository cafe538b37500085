package io.github.udsgrpc.benchmarks.application;

import java.util.Map;

import io.github.udsgrpc.benchmarks.driver.ChannelTransport;
import io.github.udsgrpc.benchmarks.driver.ChildMain;
import io.github.udsgrpc.benchmarks.driver.ClientDriver;
import io.github.udsgrpc.benchmarks.report.CpuMeter;

/**
 * The main of a benchmark application JVM, the same on both lines: reads the command line ({@link AppArgs}),
 * starts the line's application with the properties the line makes of it, and then, as the server, tells the
 * harness its layers and serves until its standard input ends, or, as the client, runs the {@link ClientDriver}
 * over the application's channel after telling its versions and layers ({@link AppInfo}). A failure to start is
 * the JVM's last line ({@link ChildMain#failed}); the application is closed at the end either way
 * ({@link ChildMain#exit}). What needs Spring is the line's ({@link Line}).
 */
public final class AppLauncher {

	private AppLauncher() {
	}

	/**
	 * Runs an application JVM; does not return normally once the application has started (the JVM exits).
	 * @param <A> the line's application, e.g. its {@code ConfigurableApplicationContext}
	 * @param args the command line
	 * @param line what the line does
	 */
	public static <A extends AutoCloseable> void run(String[] args, Line<A> line) {
		AppArgs app = AppArgs.parse(args);
		A application;
		try {
			application = line.start(line.properties(app));
		}
		catch (RuntimeException ex) {
			ChildMain.failed("the " + (app.client() ? "client" : "server") + " of " + app.kind(), ex);
			return;
		}
		if (!app.client()) {
			ChildMain.serve(application, Map.of("layers", line.layers(application)));
			return;
		}
		try {
			if (app.serverPid() > 0) {
				CpuMeter.countPeers(app.serverPid());
			}
			ChannelTransport transport = line.transport(app, application);
			new ClientDriver(transport, app.connectCount(), ChildMain.protocolOutput()).serve(System.in,
					Map.of("versions", line.versions(), "layers", line.layers(application)));
			ChildMain.exit(application, 0);
		}
		catch (Exception ex) {
			ex.printStackTrace(System.out);
			ChildMain.exit(application, 1);
		}
	}

	/**
	 * What a line's application JVM does with Spring.
	 *
	 * @param <A> the line's application
	 */
	public interface Line<A extends AutoCloseable> {

		/**
		 * The application's properties, e.g. {@link AppProperties#boot35(AppArgs)}.
		 * @param app the command line
		 * @return the properties
		 */
		Map<String, Object> properties(AppArgs app);

		/**
		 * Starts the application.
		 * @param properties its properties
		 * @return the running application
		 */
		A start(Map<String, Object> properties);

		/**
		 * The application's layers, e.g. with {@link AppInfo#layers}.
		 * @param application the running application
		 * @return one line
		 */
		String layers(A application);

		/**
		 * The line's versions, with {@link AppInfo#versions}.
		 * @return one line
		 */
		String versions();

		/**
		 * A client's transport: the channel the application got, and how it makes new ones.
		 * @param app the command line
		 * @param application the running application
		 * @return the transport the driver measures
		 * @throws Exception if the application has no channel to give
		 */
		ChannelTransport transport(AppArgs app, A application) throws Exception;

	}

}
