package io.github.udsgrpc.benchmarks.process;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.udsgrpc.benchmarks.driver.ChildMain;
import io.github.udsgrpc.benchmarks.transport.Side;
import io.github.udsgrpc.benchmarks.transport.Transport;
import io.github.udsgrpc.benchmarks.transport.Transports;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * The main class of a server JVM of {@code --two-process}: starts one transport's server, prints the protocol's
 * ready line ({@link ChildMain#serve}), serves until its standard input ends (the parent closed it, or died), then
 * stops.
 *
 * <p>
 * Arguments: the transport's name, the socket path, the TCP port, then {@code key=value} Spring properties for
 * every starter-uds variant.
 */
public final class ServerProcess {

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
			ChildMain.failed("the server of " + args[0] + " (socket " + args[1] + ", port " + args[2] + ")", ex);
		}
		ChildMain.serve(server::stop, Map.of());
	}

}
