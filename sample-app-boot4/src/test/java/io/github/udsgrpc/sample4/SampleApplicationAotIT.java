package io.github.udsgrpc.sample4;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.udsgrpc.testsupport.AbstractSampleAotIT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample (Spring Boot 4.1) in Spring AOT mode: it serves the Greeter on the socket, to an outside caller
 * and to its own {@code @ImportGrpcClients} stub behind the REST endpoint; and the AOT build registered the starter's
 * runtime hints. Run by the failsafe plugin, after {@code package}.
 */
class SampleApplicationAotIT extends AbstractSampleAotIT {

	private static final Path AOT_METADATA = Path.of("target", "spring-aot", "main", "resources", "META-INF",
			"native-image", "io.github.udsgrpc", "sample-app-boot4", "reachability-metadata.json");

	SampleApplicationAotIT() {
		super("sample4-aot", GreeterCall::sayHello);
	}

	@Test
	void theAotBuildRegisteredTheStartersRuntimeHints() throws IOException {
		String metadata = Files.readString(AOT_METADATA);
		assertThat(metadata).contains("\"io.netty.channel.epoll.Epoll\"")
			.contains("\"io.netty.channel.MultiThreadIoEventLoopGroup\"")
			.contains("\"io.netty.channel.epoll.EpollIoHandler\"")
			.contains("\"io.grpc.internal.GrpcUtil\"")
			.contains("\"org.springframework.grpc.server.GrpcServerFactory\"")
			.contains("\"io.grpc.netty.NettyServerBuilder\"")
			.contains("io.netty.versions.properties");
	}

}
