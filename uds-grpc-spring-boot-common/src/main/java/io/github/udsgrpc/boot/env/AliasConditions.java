package io.github.udsgrpc.boot.env;

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * What each line's socket-path alias (an {@code EnvironmentPostProcessor} that reads the gRPC framework's own socket
 * property as {@code grpc.uds.path}) asks before it takes a socket over: whether the socket server can run at all,
 * and whether the application switched its auto-configuration off. It runs before any context exists, so it reads
 * the class path and the application's sources as Spring Boot will.
 */
public final class AliasConditions {

	private AliasConditions() {
	}

	/**
	 * Whether the classes the socket server's auto-configuration needs are on the application's class path; without
	 * them the framework keeps its own socket.
	 * @param application the application
	 * @param classNames the classes, by name
	 * @return true if all are present
	 */
	public static boolean present(SpringApplication application, List<String> classNames) {
		ClassLoader classLoader = application.getClassLoader();
		return classNames.stream().allMatch((name) -> ClassUtils.isPresent(name, classLoader));
	}

	/**
	 * Whether the application excludes one of the socket server's auto-configurations, by
	 * {@code spring.autoconfigure.exclude} or by {@code exclude}/{@code excludeName} of {@code @EnableAutoConfiguration}
	 * (or {@code @SpringBootApplication}) on one of its sources: then it wants the framework's own server, which
	 * serves the socket itself.
	 * @param environment the environment, configuration files loaded
	 * @param application the application
	 * @param autoConfigurations the socket server's auto-configuration classes, by name
	 * @return true if one is excluded
	 */
	public static boolean excluded(ConfigurableEnvironment environment, SpringApplication application,
			List<String> autoConfigurations) {
		List<String> byProperty = Binder.get(environment)
			.bind("spring.autoconfigure.exclude", Bindable.listOf(String.class))
			.orElse(List.of());
		if (byProperty.stream().map(String::trim).anyMatch(autoConfigurations::contains)) {
			return true;
		}
		for (Object source : application.getAllSources()) {
			if (source instanceof Class<?> type) {
				MergedAnnotation<EnableAutoConfiguration> enable = MergedAnnotations
					.from(type, SearchStrategy.TYPE_HIERARCHY)
					.get(EnableAutoConfiguration.class);
				if (enable.isPresent() && (Arrays.stream(enable.getClassArray("exclude"))
					.map(Class::getName)
					.anyMatch(autoConfigurations::contains)
						|| Arrays.stream(enable.getStringArray("excludeName")).anyMatch(autoConfigurations::contains))) {
					return true;
				}
			}
		}
		return false;
	}

}
