package io.github.udsgrpc.boot.testsupport;

import io.github.udsgrpc.test.echo.EchoGrpc;

/**
 * The stubs an application got injected for its channel named {@code echo}, whichever way its Spring Boot line
 * injects them.
 *
 * @param blocking the blocking stub
 * @param async the asynchronous stub
 */
public record EchoStubs(EchoGrpc.EchoBlockingStub blocking, EchoGrpc.EchoStub async) {

}
