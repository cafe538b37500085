package io.github.udsgrpc.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks gRPC methods that never block, so that on socket listeners they run on the event loop thread that read the
 * call, one thread hand-off less per call, while the other methods run on an executor. On a service implementation
 * class it marks every method of the service; on the Java method that implements one rpc (such as
 * {@code unary(EchoRequest, StreamObserver)} of a generated {@code *ImplBase} subclass) that rpc only. A method so
 * marked must not block, wait for a lock or do slow work: it would stall every connection of its event loop.
 * <p>
 * Read from the class of each service a {@link UdsServer} serves ({@link NonBlockingMethods#annotated}); the Spring
 * Boot starters read it through Spring's proxies. An annotated Java method that implements no rpc is ignored.
 *
 * @see NonBlockingMethods
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface NonBlocking {

}
