package io.github.udsgrpc.boot.transport;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.boot.load.ServerProbe;
import io.github.udsgrpc.boot.process.BootLine;
import io.github.udsgrpc.boot.testsupport.EchoStubs;
import io.github.udsgrpc.socket.AbstractSocketException;
import io.github.udsgrpc.socket.SocketTransport;
import io.github.udsgrpc.socket.SocketTransportUnavailableException;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.ShortTempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code grpc.uds.transport} in an application of either Spring Boot line on Linux, the same on both: each transport
 * both Netty lines have (epoll, NIO domain sockets, and {@code auto}) starts the socket server on that transport and
 * serves a hand-wired epoll client and the context's own channel (which shares the server's event loops, so is of
 * the same transport); an unknown value, kqueue on Linux and an abstract name on NIO stop startup with an analysis.
 * Each line's {@code SocketTransportPropertyTests} extends it with its {@link BootLine} and adds what only that
 * line's Netty does with io-uring.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(OutputCaptureExtension.class)
public abstract class AbstractSocketTransportPropertyTests {

	@RegisterExtension
	protected final ShortTempDir dir = new ShortTempDir();

	private final BootLine line;

	/**
	 * Creates the tests for one Spring Boot line.
	 * @param line the line's echo application
	 */
	protected AbstractSocketTransportPropertyTests(BootLine line) {
		this.line = line;
	}

	@ParameterizedTest
	@ValueSource(strings = { "epoll", "nio", "auto" })
	void eachTransportOfBothNettyLinesStartsAndServesTheServerAndTheContextsChannels(String value) throws Exception {
		assertStartsAndServes(value);
	}

	@Test
	void anUnknownValueStopsStartupNamingTheProperty(CapturedOutput output) {
		Path socket = this.dir.socket("bad.sock");
		assertThat(startupFailure(InvalidConfigurationPropertyValueException.class, "grpc.uds.path=" + socket,
				"grpc.uds.transport=uring")
			.getName()).isEqualTo("grpc.uds.transport");
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("must be one of auto, epoll, kqueue, io-uring, nio");
		assertThat(socket).doesNotExist();
	}

	@Test
	void kqueueOnLinuxStopsStartupWithTheTransportsReason(CapturedOutput output) {
		Path socket = this.dir.socket("kq.sock");
		assertThat(startupFailure(SocketTransportUnavailableException.class, "grpc.uds.path=" + socket,
				"grpc.uds.transport=kqueue")
			.getRequested()).isEqualTo(SocketTransport.KQUEUE);
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("asked to use the kqueue transport")
			.contains("or set grpc.uds.transport=auto");
		assertThat(socket).doesNotExist();
	}

	@Test
	void nioRefusesAnAbstractNameNamingTheTransport(CapturedOutput output) {
		assertThat(startupFailure(AbstractSocketException.class,
				"grpc.uds.path=@udsgrpc-nio-" + ProcessHandle.current().pid(), "grpc.uds.transport=nio")
			.getReason()).isEqualTo(AbstractSocketException.Reason.NOT_SUPPORTED);
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START").contains("transport nio");
	}

	/**
	 * Runs the line's application with {@code grpc.uds.transport} set to a value, and checks that the socket server
	 * runs on that transport, answers a hand-wired epoll client, and answers the context's own channel (unary and
	 * bidi), and that the socket file is gone once the context has closed.
	 * @param value the property's value, such as {@code epoll} or {@code auto}
	 * @throws Exception if the application cannot run
	 */
	protected void assertStartsAndServes(String value) throws Exception {
		Path socket = this.dir.socket("t.sock");
		// The line's injected stubs come with its load configuration, whose server customizer needs the probes.
		Class<?>[] lineConfiguration = this.line.loadConfiguration();
		Class<?>[] configuration = new Class<?>[lineConfiguration.length + 1];
		configuration[0] = ServerProbe.class;
		System.arraycopy(lineConfiguration, 0, configuration, 1, lineConfiguration.length);
		try (ConfigurableApplicationContext context = this.line.run(configuration, "grpc.uds.path=" + socket,
				"grpc.uds.transport=" + value, this.line.echoClientTarget("unix:" + socket))) {
			SocketTransport expected = value.equals("auto") ? SocketTransport.detect() : SocketTransport.of(value);
			assertThat(context.getBean(UdsEventLoops.class).transport()).isEqualTo(expected);
			try (HandWiredChannel channel = new HandWiredChannel(socket)) {
				assertThat(EchoGrpc.newBlockingStub(channel.channel())
					.withDeadlineAfter(10, TimeUnit.SECONDS)
					.unary(Calls.request(value))
					.getText()).isEqualTo(value);
			}
			EchoStubs own = this.line.echoStubs(context);
			assertThat(own.blocking()
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.unary(Calls.request("own " + value))
				.getText()).isEqualTo("own " + value);
			assertThat(Calls.stream((replies) -> own.async().bidi(replies), "x", "y")).containsExactly("X", "Y");
		}
		assertThat(socket).as("removed at shutdown").doesNotExist();
	}

	/**
	 * Runs the line's application, which must fail to start, and finds the reason among the causes.
	 * @param <T> the reason's type
	 * @param type the reason's type
	 * @param properties {@code key=value} pairs
	 * @return the reason
	 */
	private <T extends Throwable> T startupFailure(Class<T> type, String... properties) {
		Throwable failure = catchThrowable(() -> this.line.run(new Class<?>[0], properties).close());
		assertThat(failure).as("the startup failure").isInstanceOf(RuntimeException.class);
		return cause(failure, type);
	}

	/**
	 * The first exception of a type among the causes of a startup failure.
	 * @param <T> the type
	 * @param failure the startup failure
	 * @param type the type to find
	 * @return the exception
	 * @throws AssertionError if there is none
	 */
	protected static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " among the causes of " + failure, failure);
	}

}
