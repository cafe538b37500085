package io.github.udsgrpc.benchmarks.process;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.udsgrpc.benchmarks.transport.Side;
import io.github.udsgrpc.benchmarks.transport.Transport;
import io.github.udsgrpc.benchmarks.transport.Transports;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * The main class of a server JVM of {@code --two-process}: starts one transport's server, prints
 * {@link ChildServer#READY}, serves until its standard input ends (the parent closed it, or died), then stops.
 *
 * <p>
 * Arguments: the transport's name, the socket path, the TCP port, then {@code key=value} Spring properties for
 * every starter-uds variant.
 */
public final class ServerProcess {

	/** How long stopping may take before the JVM halts anyway. */
	private static final long STOP_LIMIT_MILLIS = 15_000;

	private ServerProcess() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> starterProperties = new LinkedHashMap<>();
		for (int i = 3; i < args.length; i++) {
			starterProperties.putAll(Transports.parseProperties(args[i]));
		}
		// What SpringTransport.LOGGING sets in every context, for the transports without one (the hand-wired server
		// would otherwise log Netty's warning about SO_KEEPALIVE on a domain socket for every connection).
		LoggingSystem logging = LoggingSystem.get(ServerProcess.class.getClassLoader());
		logging.beforeInitialize();
		logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
		logging.setLogLevel("io.netty.bootstrap", LogLevel.ERROR);
		Transport server = Transports.create(args[0], Side.SERVER, Path.of(args[1]), Integer.parseInt(args[2]),
				starterProperties);
		try {
			server.start();
		}
		catch (Exception ex) {
			ex.printStackTrace(System.out);
			// Last, so that the parent's error message, which quotes the last lines, names what failed.
			System.out.println("Could not start the server of " + args[0] + " (socket " + args[1] + ", port " + args[2]
					+ "): " + ex);
			System.out.flush();
			Runtime.getRuntime().halt(1);
		}
		System.out.println(ChildServer.READY);
		System.out.flush();
		while (System.in.read() >= 0) {
			// nothing is sent: only the end of the stream counts
		}
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
		int status = 0;
		try {
			server.stop();
		}
		catch (Exception ex) {
			ex.printStackTrace(System.out);
			status = 2;
		}
		// net.devh's socket server makes an event loop group with non-daemon threads that nothing shuts down.
		System.exit(status);
	}

}
