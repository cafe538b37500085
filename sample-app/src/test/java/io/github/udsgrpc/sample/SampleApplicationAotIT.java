package io.github.udsgrpc.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.udsgrpc.testsupport.AbstractSampleAotIT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample (Spring Boot 3.5) in Spring AOT mode: it serves the Greeter on the socket, to an outside caller
 * and to its own {@code @GrpcClient} stub behind the REST endpoint; and the AOT build registered the starter's runtime
 * hints. Run by the failsafe plugin, after {@code package}.
 */
class SampleApplicationAotIT extends AbstractSampleAotIT {

	private static final Path AOT_METADATA = Path.of("target", "spring-aot", "main", "resources", "META-INF",
			"native-image", "io.github.udsgrpc", "sample-app");

	SampleApplicationAotIT() {
		super("sample-aot", GreeterCall::sayHello);
	}

	@Test
	void theAotBuildRegisteredTheStartersRuntimeHints() throws IOException {
		assertThat(Files.readString(AOT_METADATA.resolve("reflect-config.json")))
			.contains("\"io.netty.channel.epoll.Epoll\"")
			.contains("\"io.netty.channel.kqueue.KQueue\"")
			.contains("\"io.grpc.internal.GrpcUtil\"")
			.contains("\"net.devh.boot.grpc.server.serverfactory.GrpcServerFactory\"")
			.contains("\"io.grpc.netty.NettyServerBuilder\"");
		assertThat(Files.readString(AOT_METADATA.resolve("resource-config.json")))
			.contains("io.netty.versions.properties");
	}

}
