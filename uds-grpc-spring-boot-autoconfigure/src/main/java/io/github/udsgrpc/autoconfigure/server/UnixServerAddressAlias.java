package io.github.udsgrpc.autoconfigure.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.udsgrpc.boot.env.AliasConditions;
import io.github.udsgrpc.socket.UdsAddress;
import org.apache.commons.logging.Log;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Reads net.devh's own way of serving on a socket, {@code grpc.server.address=unix:/path}, as
 * {@code grpc.uds.path=/path}, so an application that adds this starter keeps its configuration and gets the
 * starter's socket server instead of net.devh's.
 *
 * <p>
 * Done on the environment, before any condition or binding runs, so that everything downstream sees one
 * consistent configuration: the socket server's condition and listeners see {@code grpc.uds.path}, and
 * {@code grpc.server.address} goes back to net.devh's default ({@code *}). Left as it was, net.devh's TCP server
 * (with {@code grpc.uds.keep-tcp=true}) would bind the same socket path a second time.
 */
public class UnixServerAddressAlias implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "udsGrpcUnixServerAddressAlias";

	/**
	 * The classes the socket server's auto-configuration needs, looked for by name (and so named in
	 * {@link UnixServerAddressAliasRuntimeHints} for a native image).
	 */
	static final List<String> SOCKET_SERVER_CLASSES = List
		.of("net.devh.boot.grpc.server.serverfactory.GrpcServerFactory", "io.grpc.netty.NettyServerBuilder");

	/** The socket server's auto-configurations: excluding one leaves the socket to the framework's own server. */
	private static final List<String> SOCKET_SERVER_AUTO_CONFIGURATIONS = List
		.of(UdsGrpcServerAutoConfiguration.class.getName());

	private static final String ADDRESS = "grpc.server.address";

	private static final String PATH = "grpc.uds.path";

	private final Log logger;

	public UnixServerAddressAlias(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(UnixServerAddressAlias.class);
	}

	/** After the application's configuration files are loaded, so their {@code grpc.server.address} is seen. */
	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String address = environment.getProperty(ADDRESS);
		if (address == null || !address.regionMatches(true, 0, "unix:", 0, "unix:".length())
				|| !AliasConditions.present(application, SOCKET_SERVER_CLASSES)
				|| AliasConditions.excluded(environment, application, SOCKET_SERVER_AUTO_CONFIGURATIONS)) {
			return;
		}
		Path socket = socketPath(address);
		String configuredPath = environment.getProperty(PATH);
		if (StringUtils.hasText(configuredPath)) {
			UdsAddress configured = UdsAddress.parse(configuredPath);
			if (!configured.equals(UdsAddress.file(socket))) {
				throw new UnixServerAddressException(UnixServerAddressException.Reason.CONFLICTS_WITH_PATH, address,
						configuredPath, "grpc.server.address=" + address + " and grpc.uds.path=" + configuredPath
								+ " name two different sockets (" + socket + " and " + configured + ")");
			}
		}
		environment.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(PATH, socket.toString(), ADDRESS, "*")));
		this.logger.info("grpc.server.address=" + address + " is read as grpc.uds.path=" + socket
				+ ": the uds-grpc starter serves the socket. Prefer grpc.uds.path=" + socket
				+ " and remove grpc.server.address, which now names the TCP address used only with "
				+ "grpc.uds.keep-tcp=true.");
	}

	private static Path socketPath(String address) {
		URI target;
		try {
			target = new URI(address);
		}
		catch (URISyntaxException ex) {
			throw invalid(address, ex.getMessage(), ex);
		}
		if (!"unix".equalsIgnoreCase(target.getScheme())) {
			throw invalid(address, "the scheme must be 'unix'", null);
		}
		try {
			return UdsAddress.parseTarget(target).path();
		}
		catch (IllegalArgumentException ex) {
			throw invalid(address, ex.getMessage(), ex);
		}
	}

	private static UnixServerAddressException invalid(String address, String reason, Throwable cause) {
		UnixServerAddressException ex = new UnixServerAddressException(
				UnixServerAddressException.Reason.NOT_A_SOCKET_ADDRESS, address, null,
				"grpc.server.address=" + address + " is not a socket address the starter can serve: " + reason);
		if (cause != null) {
			ex.initCause(cause);
		}
		return ex;
	}

}
