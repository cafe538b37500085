package io.github.udsgrpc.autoconfigure.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.UUID;

import io.github.udsgrpc.boot.UdsGrpcProperties;
import io.github.udsgrpc.autoconfigure.testsupport.EchoApp;
import io.github.udsgrpc.autoconfigure.testsupport.EchoClients;
import io.github.udsgrpc.server.UdsListener;
import io.github.udsgrpc.server.UdsListenerConfigurer;
import io.github.udsgrpc.server.UdsListenerRegistry;
import io.github.udsgrpc.server.UdsListeners;
import io.github.udsgrpc.socket.AbstractSocketException;
import io.github.udsgrpc.socket.UdsAddress;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.echo.EchoRequest;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.ProcNetUnix;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.github.udsgrpc.testsupport.transport.TestTransport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Whole applications serving on names in Linux's abstract namespace ({@code grpc.uds.path=@name}) and calling them
 * through {@code unix-abstract:} clients, checked against the kernel's list of sockets.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(OutputCaptureExtension.class)
class AbstractSocketIntegrationTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	@BeforeEach
	void needsAbstractNames() {
		TestTransport.assumeAbstractNames();
	}

	private static String uniqueName(String label) {
		return "udsgrpc-test-" + label + "-" + UUID.randomUUID();
	}

	@Test
	void servesOnAnAbstractNameThatAGrpcClientReachesWithUnixAbstract(CapturedOutput output) throws Exception {
		String name = uniqueName("serve");
		Path workingDirectory = Path.of("").toAbsolutePath();
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=@" + name,
				"grpc.client.echo.address=unix-abstract:" + name)) {
			EchoClients clients = context.getBean(EchoClients.class);
			EchoReply unary = clients.blocking.unary(Calls.request("hi"));
			assertThat(unary.getText()).isEqualTo("hi");
			assertThat(unary.getAuthority()).isEqualTo("localhost");
			Iterator<EchoReply> streamed = clients.blocking
				.serverStream(EchoRequest.newBuilder().setText("n").setCount(3).build());
			assertThat(streamed).toIterable().extracting(EchoReply::getText).containsExactly("n0", "n1", "n2");
			assertThat(Calls.stream(clients.async::bidi, "x", "y")).containsExactly("X", "Y");

			// The kernel lists it as "@name": one leading NUL, no trailing NULs (they would show as more '@').
			assertThat(ProcNetUnix.listeningOn("@" + name)).hasSize(1);
			assertThat(ProcNetUnix.entries()).filteredOn((entry) -> entry.path().contains(name))
				.extracting(ProcNetUnix.Entry::path)
				.containsOnly("@" + name);
			assertThat(workingDirectory.resolve("@" + name)).as("no file is made for an abstract name").doesNotExist();
			assertThat(context.getBean(UdsListeners.class).primaryAddress()).contains(UdsAddress.abstractName(name));
			assertThat(output).contains("gRPC server listening on Unix socket @" + name + " (listener 'default')")
				.contains("gRPC listener 'default' is on abstract socket @" + name + ", which has no file and so no "
						+ "permissions: any process in this network namespace can connect")
				.contains("grpc.uds.same-user-only")
				.contains("grpc.uds.allowed-uids");
		}
		assertThat(ProcNetUnix.listeningOn("@" + name)).as("the name is freed with the socket").isEmpty();
	}

	@Test
	void selfReachesTheAbstractSocket() {
		String name = uniqueName("self");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=@" + name,
				"grpc.client.echo.address=self:self")) {
			assertThat(context.getBean(EchoClients.class).blocking.unary(Calls.request("me")).getText()).isEqualTo("me");
		}
	}

	@Test
	void aPlainGrpcJavaChannelReachesTheNameWithALeadingNul() throws Exception {
		String name = uniqueName("plain");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=@" + name);
				HandWiredChannel channel = new HandWiredChannel(UdsAddress.abstractName(name).toNettyAddress())) {
			assertThat(EchoGrpc.newBlockingStub(channel.channel()).unary(Calls.request("plain")).getText())
				.isEqualTo("plain");
		}
	}

	@Test
	void aSecondServerOnTheSameNameFailsAndTheFirstKeepsServing() {
		String name = uniqueName("twice");
		try (ConfigurableApplicationContext first = EchoApp.run("grpc.uds.path=@" + name,
				"grpc.client.echo.address=unix-abstract:" + name)) {
			Throwable failure = catchThrowable(() -> EchoApp.run("grpc.uds.path=@" + name).close());
			AbstractSocketException cause = findCause(failure, AbstractSocketException.class);
			assertThat(cause.getReason()).isEqualTo(AbstractSocketException.Reason.IN_USE);
			assertThat(cause.getMessage())
				.isEqualTo("Abstract socket @" + name + " (listener 'default'): in use, another socket is bound to "
						+ "this name");
			assertThat(ProcNetUnix.listeningOn("@" + name)).hasSize(1);
			assertThat(first.getBean(EchoClients.class).blocking.unary(Calls.request("still")).getText())
				.isEqualTo("still");
		}
	}

	@Test
	void aNameOf106BytesIsServedAnd107IsRefusedWithTheLimit() {
		String base = uniqueName("long");
		String longest = base + "x".repeat(106 - base.length());
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=@" + longest,
				"grpc.client.echo.address=unix-abstract:" + longest)) {
			assertThat(context.getBean(EchoClients.class).blocking.unary(Calls.request("106")).getText())
				.isEqualTo("106");
			assertThat(ProcNetUnix.listeningOn("@" + longest)).hasSize(1);
		}
		String tooLong = longest + "y";
		Throwable failure = catchThrowable(() -> EchoApp.run("grpc.uds.path=@" + tooLong).close());
		AbstractSocketException cause = findCause(failure, AbstractSocketException.class);
		assertThat(cause.getReason()).isEqualTo(AbstractSocketException.Reason.NAME_TOO_LONG);
		assertThat(cause.getMessage()).contains("@" + tooLong)
			.contains("the name is 107 bytes long, and an abstract socket name may be at most 106 bytes");
		assertThat(ProcNetUnix.entries()).noneMatch((entry) -> entry.path().contains(base));
	}

	@Test
	void listenersDeclaredInCodeMayUseAbstractNamesBesideFiles() throws Exception {
		String name = uniqueName("code");
		Path file = this.dir.socket("file.sock");
		try (ConfigurableApplicationContext context = EchoApp.run(new Class<?>[] { AbstractListeners.class },
				"test.abstract-name=" + name, "test.file=" + file, "grpc.client.echo.address=unix-abstract:" + name)) {
			assertThat(context.getBean(UdsListeners.class).asList()).extracting(UdsListener::name)
				.containsExactly("@" + name, "admin", "file.sock");
			assertThat(context.getBean(EchoClients.class).blocking.unary(Calls.request("a")).getText()).isEqualTo("a");
			assertThat(ProcNetUnix.listeningOn("@" + name)).hasSize(1);
			assertThat(ProcNetUnix.listeningOn("@" + name + ".admin")).hasSize(1);
			try (HandWiredChannel channel = new HandWiredChannel(file)) {
				assertThat(EchoGrpc.newBlockingStub(channel.channel()).unary(Calls.request("f")).getText()).isEqualTo("f");
			}
			assertThat(Files.exists(file)).isTrue();
		}
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		assertThat(failure).as("the start failed").isNotNull();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " in " + NestedExceptionUtils.getMostSpecificCause(failure),
				failure);
	}

	/** Two abstract listeners and a file, declared in code. */
	static class AbstractListeners {

		@org.springframework.context.annotation.Bean
		UdsListenerConfigurer abstractAndFile(org.springframework.core.env.Environment environment) {
			String name = environment.getRequiredProperty("test.abstract-name");
			return (listeners) -> listeners.listenUnixSocket("@" + name)
				.listenAbstractSocket(name + ".admin", (options) -> options.name("admin"))
				.listenUnixSocket(environment.getRequiredProperty("test.file"));
		}

	}

}
