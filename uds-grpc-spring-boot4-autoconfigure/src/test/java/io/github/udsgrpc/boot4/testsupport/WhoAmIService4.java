package io.github.udsgrpc.boot4.testsupport;

import io.github.udsgrpc.boot.testsupport.WhoAmI;

import org.springframework.context.annotation.Import;
import org.springframework.grpc.server.service.GrpcService;

/**
 * The shared {@link WhoAmI} service as a Spring Boot 4.1 application declares it: Spring gRPC's {@code @GrpcService}
 * with its interceptor, which Spring gRPC takes from the context.
 */
@GrpcService(interceptors = WhoAmI.CallAttributes.class)
@Import(WhoAmI.CallAttributes.class)
public class WhoAmIService4 extends WhoAmI {

}
