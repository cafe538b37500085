package io.github.udsgrpc.boot.condition;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when the application serves gRPC on Unix sockets: {@code grpc.uds.path} has text (an empty value counts
 * as unset, so {@code grpc.uds.path=} in a profile switches the socket server off), or a
 * {@link io.github.udsgrpc.server.UdsListenerConfigurer} bean declares listeners in code. The same on both Spring
 * Boot lines.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnUdsServerCondition.class)
public @interface ConditionalOnUdsServer {

}
