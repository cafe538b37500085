package io.github.udsgrpc.boot4.autoconfigure.server;

import java.util.List;
import java.util.Map;

import io.github.udsgrpc.boot.env.AliasConditions;
import io.github.udsgrpc.socket.UdsAddress;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Reads Spring Boot's own way of serving on a socket, {@code spring.grpc.server.netty.domain-socket-path=/path}, as
 * {@code grpc.uds.path=/path}, so an application that adds this starter keeps its configuration and gets the
 * starter's socket server instead of Boot's.
 *
 * <p>
 * Done on the environment, before any condition or binding runs, so that everything downstream sees one
 * consistent configuration: the socket server's condition and listeners see {@code grpc.uds.path}, and Boot's
 * {@code spring.grpc.server.netty.transport} is set to {@code tcp}, so that Boot's TCP server, kept with
 * {@code grpc.uds.keep-tcp=true}, serves its port and does not bind the socket path a second time.
 */
public class DomainSocketPathAlias implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "udsGrpcDomainSocketPathAlias";

	/**
	 * The classes the socket server's auto-configuration needs, looked for by name (and so named in
	 * {@link DomainSocketPathAliasRuntimeHints} for a native image).
	 */
	static final List<String> SOCKET_SERVER_CLASSES = List.of("org.springframework.grpc.server.GrpcServerFactory",
			"io.grpc.netty.NettyServerBuilder");

	/** The socket server's auto-configurations: excluding one leaves the socket to the framework's own server. */
	private static final List<String> SOCKET_SERVER_AUTO_CONFIGURATIONS = List.of(
			UdsGrpcServerAutoConfiguration.class.getName(), UdsGrpcServerBesideTcpAutoConfiguration.class.getName());

	private static final String DOMAIN_SOCKET_PATH = "spring.grpc.server.netty.domain-socket-path";

	private static final String TRANSPORT = "spring.grpc.server.netty.transport";

	private static final String PATH = "grpc.uds.path";

	private final Log logger;

	public DomainSocketPathAlias(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(DomainSocketPathAlias.class);
	}

	/** After the application's configuration files are loaded, so their socket path is seen. */
	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String domainSocketPath = environment.getProperty(DOMAIN_SOCKET_PATH);
		String transport = environment.getProperty(TRANSPORT);
		if (!StringUtils.hasText(domainSocketPath) || "tcp".equalsIgnoreCase(transport)
				|| !AliasConditions.present(application, SOCKET_SERVER_CLASSES)
				|| AliasConditions.excluded(environment, application, SOCKET_SERVER_AUTO_CONFIGURATIONS)) {
			return;
		}
		UdsAddress socket = UdsAddress.parse(domainSocketPath);
		String configuredPath = environment.getProperty(PATH);
		if (StringUtils.hasText(configuredPath) && !UdsAddress.parse(configuredPath).equals(socket)) {
			throw new InvalidConfigurationPropertyValueException(DOMAIN_SOCKET_PATH, domainSocketPath,
					"It names another socket than grpc.uds.path=" + configuredPath + ". Remove it: grpc.uds.path is "
							+ "the starter's way of naming the socket; for a socket and a TCP port at once, set "
							+ "grpc.uds.keep-tcp=true and spring.grpc.server.port");
		}
		environment.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(PATH, socket.toString(), TRANSPORT, "tcp")));
		this.logger.info(DOMAIN_SOCKET_PATH + "=" + domainSocketPath + " is read as grpc.uds.path=" + socket
				+ ": the uds-grpc starter serves the socket. Prefer grpc.uds.path=" + socket + " and remove "
				+ DOMAIN_SOCKET_PATH + "; Spring Boot's own server serves only TCP now, with grpc.uds.keep-tcp=true.");
	}

}
