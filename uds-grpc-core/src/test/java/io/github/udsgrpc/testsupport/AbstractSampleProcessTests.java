package io.github.udsgrpc.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.MethodDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base for the tests that run a sample app ({@code sample-app} on Spring Boot 3.5, {@code sample-app-boot4} on Spring
 * Boot 4.1) as a child JVM: the same app on both lines, a Greeter gRPC service on a Unix socket and a REST endpoint
 * ({@code /greet}) calling it through an injected stub, on Tomcat. The child is killed after each test.
 *
 * <p>
 * Each sample generates its own Greeter stubs (in its own package), so a sample's test gives the one call this base
 * makes with them as a {@link Greeter}.
 *
 * @see AbstractSampleSocketActivationTests
 * @see AbstractSampleAotIT
 */
public abstract class AbstractSampleProcessTests {

	protected static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final Pattern TOMCAT_PORT = Pattern.compile("Tomcat started on port (\\d+)");

	@RegisterExtension
	protected final ShortTempDir dir = new ShortTempDir();

	private final String name;

	private final Greeter greeter;

	/** The sample's process, once a test has started it. */
	protected JavaProcess app;

	/**
	 * A test of a sample's process.
	 * @param name the name of the process, for messages and its log file
	 * @param greeter the sample's Greeter call
	 */
	protected AbstractSampleProcessTests(String name, Greeter greeter) {
		this.name = name;
		this.greeter = greeter;
	}

	@AfterEach
	void stop() {
		if (this.app != null) {
			this.app.close();
		}
	}

	/**
	 * The name of the sample's process.
	 * @return the name, for messages and its log file
	 */
	protected String name() {
		return this.name;
	}

	/**
	 * Starts the sample serving the Greeter at a socket ({@code --sample.socket-path}), its web server on a free port.
	 * @param launch how to launch the sample (named {@link #name()})
	 * @param socket the socket's path
	 * @return the started process, also in {@link #app}
	 */
	protected JavaProcess start(JavaProcess.Builder launch, Path socket) {
		this.app = launch.args("--sample.socket-path=" + socket, "--server.port=0")
			.logDirectory(Path.of("target", "process-tests"))
			.start();
		return this.app;
	}

	/**
	 * Calls the Greeter's {@code SayHello} from this JVM, over a hand-wired channel to the socket.
	 * @param socket the socket's path
	 * @param name the name to greet
	 * @return the reply's message
	 * @throws InterruptedException if interrupted while closing the channel
	 */
	protected String sayHello(Path socket, String name) throws InterruptedException {
		try (HandWiredChannel channel = new HandWiredChannel(socket)) {
			return this.greeter.sayHello(ClientInterceptors.intercept(channel.channel(), new Deadline()), name);
		}
	}

	/**
	 * The port Tomcat reported it started on.
	 * @return the port
	 */
	protected int port() {
		Matcher matcher = TOMCAT_PORT.matcher(this.app.output());
		assertThat(matcher.find()).as(this.app.describe()).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	/**
	 * GETs a path from the sample's web server.
	 * @param port the web server's port
	 * @param path the path and query
	 * @return the response's body
	 * @throws IOException on a failed request
	 * @throws InterruptedException if interrupted while waiting for the response
	 */
	protected static String httpGet(int port, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(TIMEOUT)
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

	/**
	 * A sample's Greeter call with its generated blocking stub, such as
	 * {@code GreeterGrpc.newBlockingStub(channel).sayHello(request).getMessage()}.
	 */
	@FunctionalInterface
	public interface Greeter {

		/**
		 * Calls {@code SayHello}.
		 * @param channel the channel (its calls have a deadline)
		 * @param name the name to greet
		 * @return the reply's message
		 */
		String sayHello(Channel channel, String name);

	}

	/**
	 * Gives every call the {@link #TIMEOUT} as its deadline.
	 */
	private static final class Deadline implements ClientInterceptor {

		@Override
		public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions callOptions,
				Channel next) {
			return next.newCall(method, callOptions.withDeadlineAfter(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
		}

	}

}
