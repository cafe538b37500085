package io.github.udsgrpc.boot.execution;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.google.common.util.concurrent.ListenableFuture;
import io.github.udsgrpc.boot.UdsCallExecution;
import io.github.udsgrpc.boot.testsupport.FailureAnalyses;
import io.github.udsgrpc.server.NonBlocking;
import io.github.udsgrpc.server.UnknownNonBlockingMethodException;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.echo.EchoRequest;
import io.github.udsgrpc.testsupport.PlainEchoService;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.github.udsgrpc.testsupport.ThreadEchoService;
import io.github.udsgrpc.testsupport.ThreadNames;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.github.udsgrpc.testsupport.Calls.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Where the service methods of an application's socket listener run, the same on both Spring Boot lines:
 * non-blocking methods (named in {@code grpc.uds.non-blocking-methods}, marked {@link NonBlocking} on a class or a
 * method, behind a Spring proxy) on the event loop, the others on the executor of {@code grpc.uds.executor}; a held
 * blocking call does not stall a non-blocking one on the same connection and the one event loop thread; the
 * executor made is gone once the context has closed. Real sockets, injected stubs. Each line's
 * {@code NonBlockingMethodsTests} extends it with its {@link ExecutionLine} and adds what only that line has (the
 * executors a line's own server customization sets).
 */
public abstract class AbstractNonBlockingMethodsTests {

	/** How long a call or a wait may take at most. */
	protected static final Duration WAIT = Duration.ofSeconds(10);

	/** The names of the threads of the socket listener's event loop. */
	protected static final String EVENT_LOOP = "uds-grpc-\\d+-\\d+";

	/** The echo service's server-streaming method. */
	protected static final String STREAM = "udsgrpc.test.Echo/ServerStream";

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private final Path socket = this.dir.socket("nb.sock");

	private final ExecutionLine line;

	/**
	 * Creates the tests for one Spring Boot line.
	 * @param line the line's application
	 */
	protected AbstractNonBlockingMethodsTests(ExecutionLine line) {
		this.line = line;
	}

	@Test
	void aHeldBlockingCallDoesNotStallANonBlockingOneOnTheSameConnectionAndEventLoopThread() throws Exception {
		try (ConfigurableApplicationContext context = run(ThreadService.class, "grpc.uds.event-loop-threads=1",
				"grpc.uds.non-blocking-methods=" + STREAM)) {
			EchoGrpc.EchoBlockingStub stub = this.line.blockingStub(context);
			ThreadService service = context.getBean(ThreadService.class);
			try {
				ListenableFuture<EchoReply> held = this.line.futureStub(context).unary(request(PlainEchoService.HOLD));
				assertThat(service.awaitHeldCalls(1, WAIT)).as("calls held").isOne();
				long started = System.nanoTime();
				String nonBlocking = serverStreamThread(stub);
				long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
				String blocking = unaryThread(stub);
				System.out.printf("[overload] %s: non-blocking call beside a held one on one connection: %d us "
						+ "on %s; a blocking call ran on %s%n", this.line.name(), micros, nonBlocking, blocking);

				assertThat(held.isDone()).as("the held call is still held").isFalse();
				assertThat(service.heldCalls()).isOne();
				assertThat(nonBlocking).matches(EVENT_LOOP);
				assertThat(blocking).startsWith("uds-grpc-calls-cached-");
				service.release();
				assertThat(held.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).getText()).isEqualTo(PlainEchoService.HOLD);
			}
			finally {
				service.release();
			}
		}
	}

	@Test
	void aServiceClassMarkedNonBlockingRunsEveryMethodOnTheEventLoop() {
		Threads threads = threads(AllNonBlockingService.class);
		assertThat(threads.unary()).matches(EVENT_LOOP);
		assertThat(threads.serverStream()).matches(EVENT_LOOP);
	}

	@Test
	void aMethodMarkedNonBlockingBehindASpringProxyRunsOnTheEventLoopAndTheOthersOnTheExecutor() {
		Threads threads = threads(new Class<?>[] { StreamNonBlockingService.class, ProxyingServices.class });
		assertThat(threads.proxied()).as("the service bean is a CGLIB proxy").isTrue();
		assertThat(threads.serverStream()).matches(EVENT_LOOP);
		assertThat(threads.unary()).startsWith("uds-grpc-calls-cached-");
	}

	@Test
	void aMethodNamedInThePropertyRunsOnTheEventLoop() {
		Threads threads = threads(ThreadService.class, "grpc.uds.non-blocking-methods=" + STREAM);
		assertThat(threads.serverStream()).matches(EVENT_LOOP);
		assertThat(threads.unary()).startsWith("uds-grpc-calls-cached-");
	}

	@Test
	void aServiceNamedWithAStarRunsEachOfItsMethodsOnTheEventLoop() {
		Threads threads = threads(ThreadService.class, "grpc.uds.non-blocking-methods=udsgrpc.test.Echo/*");
		assertThat(threads.serverStream()).matches(EVENT_LOOP);
		assertThat(threads.unary()).matches(EVENT_LOOP);
	}

	@Test
	void aNameThatMatchesNoMethodFailsStartupNamingItAndTheMethodsThatExist() {
		Throwable failure = catchThrowable(() -> run(ThreadService.class,
				"grpc.uds.non-blocking-methods=udsgrpc.test.Echo/ServerStreaming").close());
		assertThat(failure).hasRootCauseInstanceOf(UnknownNonBlockingMethodException.class);
		FailureAnalysis analysis = FailureAnalyses.of(failure);
		System.out.printf("[overload] %s startup failure: %s%n  action: %s%n", this.line.name(),
				analysis.getDescription(), analysis.getAction());
		assertThat(analysis.getDescription()).contains("'udsgrpc.test.Echo/ServerStreaming'")
			.contains("udsgrpc.test.Echo/ServerStream,");
		assertThat(analysis.getAction()).contains("grpc.uds.non-blocking-methods").contains("package.Service/*");
	}

	@Test
	void byDefaultEveryMethodRunsOnGrpcsExecutor() {
		Threads threads = threads(ThreadService.class);
		assertThat(threads.unary()).startsWith("grpc-default-executor");
		assertThat(threads.serverStream()).startsWith("grpc-default-executor");
	}

	@Test
	void forkJoinRunsTheMethodsOnItsThreads() {
		Threads threads = threads(ThreadService.class, "grpc.uds.executor=fork-join");
		assertThat(threads.unary()).startsWith("uds-grpc-calls-fork-join-");
		assertThat(threads.serverStream()).startsWith("uds-grpc-calls-fork-join-");
	}

	@Test
	void cachedWithNoNonBlockingMethodLeavesGrpcsExecutor() {
		assertThat(threads(ThreadService.class, "grpc.uds.executor=cached").unary()).startsWith("grpc-default-executor");
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualRunsEachCallOnAVirtualThread() {
		Threads threads = threads(ThreadService.class, "grpc.uds.executor=virtual",
				"grpc.uds.non-blocking-methods=" + STREAM);
		assertThat(threads.unary()).startsWith("uds-grpc-calls-virtual-");
		assertThat(threads.unaryVirtual()).isTrue();
		assertThat(threads.serverStream()).matches(EVENT_LOOP);
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void springsVirtualThreadsSwitchAutoToVirtualThreads() {
		Threads threads = threads(ThreadService.class, "spring.threads.virtual.enabled=true");
		assertThat(threads.unary()).startsWith("uds-grpc-calls-virtual-");
		assertThat(threads.unaryVirtual()).isTrue();
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void springsVirtualThreadsBeforeJdk21LeaveGrpcsExecutor() {
		assertThat(threads(ThreadService.class, "spring.threads.virtual.enabled=true").unary())
			.startsWith("grpc-default-executor");
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void virtualBeforeJdk21FailsStartupNamingTheJdk() {
		Throwable failure = catchThrowable(() -> run(ThreadService.class, "grpc.uds.executor=virtual").close());
		FailureAnalysis analysis = FailureAnalyses.of(failure);
		assertThat(analysis.getDescription()).contains("grpc.uds.executor")
			.contains("virtual threads need JDK 21 or later; this application runs on Java " + Runtime.version());
	}

	@Test
	void theLowLatencyProfileStillRunsEveryMethodOnTheEventLoop() {
		Threads threads = threads(ThreadService.class, "grpc.uds.low-latency=true", "grpc.uds.executor=fork-join",
				"grpc.uds.non-blocking-methods=" + STREAM);
		assertThat(threads.unary()).matches(EVENT_LOOP);
		assertThat(threads.serverStream()).matches(EVENT_LOOP);
	}

	@Test
	void noThreadOfTheExecutorIsLeftOnceTheContextHasClosed() throws Exception {
		UdsCallExecution execution;
		for (String executor : List.of("cached", "fork-join")) {
			try (ConfigurableApplicationContext context = run(ThreadService.class, "grpc.uds.executor=" + executor,
					"grpc.uds.non-blocking-methods=" + STREAM)) {
				execution = context.getBean(UdsCallExecution.class);
				assertThat(unaryThread(this.line.blockingStub(context))).startsWith("uds-grpc-calls-" + executor);
			}
			assertThat(execution.isTerminated()).isTrue();
			assertThat(ThreadNames.awaitNoneAlive("uds-grpc-calls-", WAIT)).as("threads left by %s", executor)
				.isEmpty();
		}
	}

	/**
	 * Runs the application with one of the shared services and tells where its methods ran.
	 * @param service the service, such as {@link ThreadService}
	 * @param properties {@code key=value} pairs
	 * @return where the methods ran
	 */
	protected Threads threads(Class<?> service, String... properties) {
		return threads(new Class<?>[] { service }, properties);
	}

	/**
	 * Runs the application with one of the shared services and further configuration classes, and tells where the
	 * service's methods ran: a unary call, a server-streaming one, and whether the unary one on a virtual thread.
	 * @param sources a shared service and further configuration classes
	 * @param properties {@code key=value} pairs
	 * @return where the methods ran
	 */
	protected Threads threads(Class<?>[] sources, String... properties) {
		try (ConfigurableApplicationContext context = run(sources, properties)) {
			EchoGrpc.EchoBlockingStub stub = this.line.blockingStub(context);
			String unary = unaryThread(stub);
			boolean virtual = stub.withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS)
				.unary(request(VirtualTelling.VIRTUAL))
				.getText()
				.equals("true");
			boolean proxied = AopUtils.isAopProxy(context.getBean(ThreadEchoService.class));
			return new Threads(unary, serverStreamThread(stub), virtual, proxied);
		}
	}

	private ConfigurableApplicationContext run(Class<?> service, String... properties) {
		return run(new Class<?>[] { service }, properties);
	}

	private ConfigurableApplicationContext run(Class<?>[] extra, String... properties) {
		Class<?>[] sources = new Class<?>[extra.length + 1];
		sources[0] = this.line.application();
		for (int i = 0; i < extra.length; i++) {
			sources[i + 1] = this.line.declared(extra[i]);
		}
		return new SpringApplicationBuilder(sources).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "grpc.uds.path=" + this.socket)
			.properties(this.line.properties(this.socket).toArray(new String[0]))
			.properties(properties)
			.run();
	}

	private static String unaryThread(EchoGrpc.EchoBlockingStub stub) {
		return call(stub, (deadlined) -> deadlined.unary(request(PlainEchoService.THREAD)));
	}

	private static String serverStreamThread(EchoGrpc.EchoBlockingStub stub) {
		return call(stub, (deadlined) -> deadlined.serverStream(request("x")).next());
	}

	private static String call(EchoGrpc.EchoBlockingStub stub, Function<EchoGrpc.EchoBlockingStub, EchoReply> call) {
		return call.apply(stub.withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS)).getText();
	}

	/**
	 * Where a service's methods ran.
	 *
	 * @param unary the thread of a unary call
	 * @param serverStream the thread of a server-streaming call
	 * @param unaryVirtual whether a unary call ran on a virtual thread
	 * @param proxied whether the service bean was an AOP proxy
	 */
	protected record Threads(String unary, String serverStream, boolean unaryVirtual, boolean proxied) {
	}

	/** The echo service that tells where its methods run, and whether on a virtual thread. */
	public static class VirtualTelling extends ThreadEchoService {

		static final String VIRTUAL = "virtual?";

		@Override
		public void unary(EchoRequest request, StreamObserver<EchoReply> responseObserver) {
			if (request.getText().equals(VIRTUAL)) {
				responseObserver.onNext(reply(String.valueOf(isVirtual(Thread.currentThread()))));
				responseObserver.onCompleted();
				return;
			}
			super.unary(request, responseObserver);
		}

		private static boolean isVirtual(Thread thread) {
			try {
				return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
			}
			catch (ReflectiveOperationException ex) {
				return false;
			}
		}

	}

	/** The service with no method marked non-blocking. */
	public static class ThreadService extends VirtualTelling {

	}

	/** The service whose class is marked non-blocking. */
	@NonBlocking
	public static class AllNonBlockingService extends VirtualTelling {

	}

	/** The service whose server-streaming method is marked non-blocking. */
	public static class StreamNonBlockingService extends VirtualTelling {

		@Override
		@NonBlocking
		public void serverStream(EchoRequest request, StreamObserver<EchoReply> responseObserver) {
			super.serverStream(request, responseObserver);
		}

	}

	/** Puts every service bean behind a CGLIB proxy, as an aspect would. */
	@Configuration(proxyBeanMethods = false)
	static class ProxyingServices {

		@Bean
		static BeanPostProcessor cglibProxyingServices() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (!(bean instanceof ThreadEchoService)) {
						return bean;
					}
					ProxyFactory factory = new ProxyFactory(bean);
					factory.setProxyTargetClass(true);
					return factory.getProxy();
				}

			};
		}

	}

}
