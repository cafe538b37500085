package io.github.udsgrpc.autoconfigure.testsupport;

import io.github.udsgrpc.boot.testsupport.WhoAmI;
import net.devh.boot.grpc.server.service.GrpcService;

/**
 * The shared {@link WhoAmI} service as net.devh declares it, with the call's attributes in its context.
 */
@GrpcService(interceptors = WhoAmI.CallAttributes.class)
public class WhoAmIService extends WhoAmI {

}
