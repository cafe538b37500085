package io.github.udsgrpc.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;

/**
 * Makes a socket directory for each application context it customizes, maps its path to the properties, and
 * deletes it when the context is destroyed.
 * <p>
 * The named clients are pointed at the socket through the property of each gRPC client library on the context's
 * class path: net.devh's {@code grpc.client.NAME.address} (the Spring Boot 3.5 line) and Spring Boot's own
 * {@code spring.grpc.client.channel.NAME.target} (the Spring Boot 4.1 line).
 * <p>
 * Equal configurations make equal customizers, which is what lets Spring's test-context cache hand one context
 * to several test classes; so the directory must be made here, per context, never when the customizer is built
 * (that happens for every test class, cached context or not).
 */
final class UdsTestSocketContextCustomizer implements ContextCustomizer {

	static final String BEAN_NAME = "udsTestSocket";

	static final String PROPERTY_SOURCE_NAME = "udsTestSocket";

	/** Present where net.devh's client reads {@code grpc.client.NAME.address}. */
	static final String NET_DEVH_CLIENT_PROPERTIES = "net.devh.boot.grpc.client.config.GrpcChannelsProperties";

	/** Present where Spring Boot 4.1's gRPC client reads {@code spring.grpc.client.channel.NAME.target}. */
	static final String BOOT_CLIENT_PROPERTIES = "org.springframework.boot.grpc.client.autoconfigure.GrpcClientProperties";

	private final String socketName;

	private final String pathProperty;

	/** Sorted: the order the clients were listed in does not change the context. */
	private final TreeSet<String> clients;

	/** Not part of equality: always the machine's directories, except in this module's own tests. */
	private final Supplier<SocketDirectories> directories;

	UdsTestSocketContextCustomizer(String socketName, String pathProperty, List<String> clients,
			Supplier<SocketDirectories> directories) {
		this.socketName = socketName;
		this.pathProperty = pathProperty;
		this.clients = new TreeSet<>(clients);
		this.directories = directories;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		if (!(beanFactory instanceof DefaultSingletonBeanRegistry registry)) {
			throw new IllegalStateException("@AutoConfigureUdsSocket needs a bean factory that destroys singletons "
					+ "(a DefaultListableBeanFactory), not " + beanFactory.getClass().getName());
		}
		List<String> clientTargetProperties = clientTargetProperties(context.getClassLoader());
		UdsTestSocket socket = UdsTestSocket.create(this.directories.get(), this.socketName);
		// Registered before anything else can fail, so a context that does not start still removes its directory.
		registry.registerDisposableBean(BEAN_NAME, socket::delete);
		beanFactory.registerSingleton(BEAN_NAME, socket);
		// First, like Boot's @PropertyMapping: the socket this context got wins over any configured path.
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME,
				properties(socket, clientTargetProperties)));
	}

	/**
	 * The properties that set a named client's target, as {@link String#formatted formats} of the client's name:
	 * one for each gRPC client library on the class path.
	 * @param classLoader the context's class loader
	 * @return the formats, empty if there are no clients to point
	 */
	private List<String> clientTargetProperties(ClassLoader classLoader) {
		if (this.clients.isEmpty()) {
			return List.of();
		}
		List<String> formats = new ArrayList<>();
		if (ClassUtils.isPresent(NET_DEVH_CLIENT_PROPERTIES, classLoader)) {
			formats.add("grpc.client.%s.address");
		}
		if (ClassUtils.isPresent(BOOT_CLIENT_PROPERTIES, classLoader)) {
			formats.add("spring.grpc.client.channel.%s.target");
		}
		if (formats.isEmpty()) {
			throw new IllegalStateException("@AutoConfigureUdsSocket cannot point clients " + this.clients
					+ " at the socket: no gRPC client library on the class path (net.devh's "
					+ "grpc-client-spring-boot-starter on Spring Boot 3.5, spring-boot-starter-grpc-client on "
					+ "Spring Boot 4.1)");
		}
		return formats;
	}

	private Map<String, Object> properties(UdsTestSocket socket, List<String> clientTargetProperties) {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (!this.pathProperty.isEmpty()) {
			properties.put(this.pathProperty, socket.path().toString());
		}
		for (String client : this.clients) {
			for (String format : clientTargetProperties) {
				properties.put(format.formatted(client), socket.target());
			}
		}
		return properties;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof UdsTestSocketContextCustomizer that) && this.socketName.equals(that.socketName)
				&& this.pathProperty.equals(that.pathProperty) && this.clients.equals(that.clients);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.socketName, this.pathProperty, this.clients);
	}

}
