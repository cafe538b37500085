package io.github.udsgrpc.springgrpc;

import org.springframework.boot.grpc.client.autoconfigure.GrpcClientProperties;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientProperties.Channel;
import org.springframework.core.env.PropertyResolver;
import org.springframework.grpc.client.VirtualTargets;

/**
 * What a channel target means in Spring Boot 4.1: a channel's name stands for its
 * {@code spring.grpc.client.channel.NAME.target}, {@code default} for Boot's default target, and anything else for
 * itself; placeholders are resolved, and the {@code static:} and {@code tcp:} prefixes dropped. Boot's own resolver
 * is not public, so it is built again here from the same properties, so that the socket channel factory reads a
 * target exactly as Boot's factories do.
 */
public final class SpringGrpcChannelTargets implements VirtualTargets {

	private static final String DEFAULT_CHANNEL = "default";

	private final PropertyResolver propertyResolver;

	private final GrpcClientProperties properties;

	/**
	 * Creates the resolver.
	 * @param propertyResolver resolves placeholders in targets, as the environment does for Boot
	 * @param properties the {@code spring.grpc.client.*} properties
	 */
	public SpringGrpcChannelTargets(PropertyResolver propertyResolver, GrpcClientProperties properties) {
		this.propertyResolver = propertyResolver;
		this.properties = properties;
	}

	@Override
	public String getTarget(String target) {
		Channel channel = this.properties.getChannel().get(target);
		if (channel != null) {
			return clean(this.propertyResolver.resolvePlaceholders(channel.getTarget()));
		}
		if (DEFAULT_CHANNEL.equals(target)) {
			return clean(new Channel().getTarget());
		}
		String resolved = this.propertyResolver.resolvePlaceholders(target);
		if (resolved.contains(":/") || resolved.startsWith("unix:")) {
			return clean(resolved);
		}
		return resolved;
	}

	private static String clean(String target) {
		if (target.startsWith("static:") || target.startsWith("tcp:")) {
			String withoutScheme = target.substring(target.indexOf(':') + 1);
			return withoutScheme.replaceFirst("/*", "");
		}
		return target;
	}

}
