package io.github.udsgrpc;

import java.nio.file.Path;
import java.time.Duration;

import io.github.udsgrpc.client.UdsChannels;
import io.github.udsgrpc.server.UdsServer;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.echo.EchoRequest;
import io.github.udsgrpc.testsupport.PlainEchoService;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example of docs/without-spring.md, the core without Spring: a service served on a socket and called, in a
 * handful of lines.
 */
class PlainJavaExampleTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	@Test
	void aServiceIsServedOnASocketAndCalledWithTheCoreAlone() throws Exception {
		Path socket = this.dir.socket("echo.sock");

		// docs/without-spring.md shows this code, from here to the assertions.
		UdsServer server = UdsServer.builder()
			.listenUnixSocket(socket, (options) -> options.sameUserOnly(true))
			.addService(new PlainEchoService())
			.build()
			.start();

		ManagedChannel channel = UdsChannels.forTarget("unix:" + socket).build();
		EchoReply reply = EchoGrpc.newBlockingStub(channel).unary(EchoRequest.newBuilder().setText("hello").build());

		channel.shutdownNow();
		server.stop(Duration.ofSeconds(5));

		assertThat(reply.getText()).isEqualTo("hello");
		assertThat(server.isTerminated()).isTrue();
		assertThat(socket).doesNotExist();
	}

}
