package io.github.udsgrpc.benchmarks.transport;

import io.github.udsgrpc.benchmarks.service.BenchServiceImpl;
import net.devh.boot.grpc.server.service.GrpcService;

/**
 * The benchmark's service as net.devh finds it: {@link BenchServiceImpl} annotated with {@code @GrpcService}, a
 * Spring bean in the Spring transports, a plain object in the others.
 */
@GrpcService
public class BenchService extends BenchServiceImpl {

}
