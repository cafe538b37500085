package io.github.udsgrpc.autoconfigure.server;

/**
 * Declares socket listeners in code.
 *
 * @deprecated since 0.1.0 for removal: the interface moved to the core, shared by both Spring Boot lines and by
 * plain-Java servers; use {@link io.github.udsgrpc.server.UdsListenerConfigurer}. Beans of this type keep working:
 * they are beans of the new type too.
 */
@Deprecated(since = "0.1.0", forRemoval = true)
@FunctionalInterface
public interface UdsListenerConfigurer extends io.github.udsgrpc.server.UdsListenerConfigurer {

}
