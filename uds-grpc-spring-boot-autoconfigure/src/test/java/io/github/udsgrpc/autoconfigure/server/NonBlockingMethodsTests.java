package io.github.udsgrpc.autoconfigure.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.google.common.util.concurrent.ListenableFuture;
import io.github.udsgrpc.autoconfigure.testsupport.EchoClients;
import io.github.udsgrpc.autoconfigure.testsupport.FailureAnalyses;
import io.github.udsgrpc.boot.UdsCallExecution;
import io.github.udsgrpc.server.NonBlocking;
import io.github.udsgrpc.server.UnknownNonBlockingMethodException;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.echo.EchoRequest;
import io.github.udsgrpc.testsupport.PlainEchoService;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.github.udsgrpc.testsupport.ThreadEchoService;
import io.grpc.stub.StreamObserver;
import net.devh.boot.grpc.server.serverfactory.GrpcServerConfigurer;
import net.devh.boot.grpc.server.service.GrpcService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static io.github.udsgrpc.testsupport.Calls.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Where the service methods of a Boot 3.5 application's socket listener run: non-blocking methods (named in
 * {@code grpc.uds.non-blocking-methods}, marked {@link NonBlocking} on a class or a method, behind a Spring proxy)
 * on the event loop, the others on the executor of {@code grpc.uds.executor}; a held blocking call does not stall
 * a non-blocking one on the same connection and the one event loop thread; a {@link GrpcServerConfigurer}'s own
 * executor runs every call; the executor made is gone once the context has closed. Real sockets, injected stubs.
 */
class NonBlockingMethodsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String EVENT_LOOP = "uds-grpc-\\d+-\\d+";

	private static final String STREAM = "udsgrpc.test.Echo/ServerStream";

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private final Path socket = this.dir.socket("nb.sock");

	@Test
	void aHeldBlockingCallDoesNotStallANonBlockingOneOnTheSameConnectionAndEventLoopThread() throws Exception {
		try (ConfigurableApplicationContext context = run(ThreadService.class, "grpc.uds.event-loop-threads=1",
				"grpc.uds.non-blocking-methods=" + STREAM)) {
			EchoClients clients = context.getBean(EchoClients.class);
			ThreadService service = context.getBean(ThreadService.class);
			try {
				ListenableFuture<EchoReply> held = EchoGrpc.newFutureStub(clients.blocking.getChannel())
					.unary(request(PlainEchoService.HOLD));
				awaitHeld(service);
				long started = System.nanoTime();
				String nonBlocking = serverStreamThread(clients);
				long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
				String blocking = unaryThread(clients);
				System.out.printf("[overload] boot 3.5: non-blocking call beside a held one on one connection: %d us "
						+ "on %s; a blocking call ran on %s%n", micros, nonBlocking, blocking);

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
		System.out.printf("[overload] boot 3.5 startup failure: %s%n  action: %s%n", analysis.getDescription(),
				analysis.getAction());
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
	void anExecutorAGrpcServerConfigurerSetsRunsEveryCall() {
		Threads threads = threads(new Class<?>[] { ThreadService.class, OwnExecutorConfigurer.class },
				"grpc.uds.executor=fork-join", "grpc.uds.non-blocking-methods=" + STREAM);
		assertThat(threads.unary()).startsWith("own-configurer-");
		assertThat(threads.serverStream()).startsWith("own-configurer-");
	}

	@Test
	void noThreadOfTheExecutorIsLeftOnceTheContextHasClosed() throws Exception {
		UdsCallExecution execution;
		for (String executor : List.of("cached", "fork-join")) {
			try (ConfigurableApplicationContext context = run(ThreadService.class, "grpc.uds.executor=" + executor,
					"grpc.uds.non-blocking-methods=" + STREAM)) {
				execution = context.getBean(UdsCallExecution.class);
				assertThat(unaryThread(context.getBean(EchoClients.class))).startsWith("uds-grpc-calls-" + executor);
			}
			assertThat(execution.isTerminated()).isTrue();
			assertThat(awaitNoThreadNamed("uds-grpc-calls-")).as("threads left by %s", executor).isEmpty();
		}
	}

	private Threads threads(Class<?> service, String... properties) {
		return threads(new Class<?>[] { service }, properties);
	}

	private Threads threads(Class<?>[] sources, String... properties) {
		try (ConfigurableApplicationContext context = run(sources, properties)) {
			EchoClients clients = context.getBean(EchoClients.class);
			String unary = unaryThread(clients);
			boolean virtual = clients.blocking.withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS)
				.unary(request(VirtualTelling.VIRTUAL))
				.getText()
				.equals("true");
			boolean proxied = AopUtils.isAopProxy(context.getBean(ThreadEchoService.class));
			return new Threads(unary, serverStreamThread(clients), virtual, proxied);
		}
	}

	private ConfigurableApplicationContext run(Class<?> service, String... properties) {
		return run(new Class<?>[] { service }, properties);
	}

	private ConfigurableApplicationContext run(Class<?>[] extra, String... properties) {
		Class<?>[] sources = new Class<?>[extra.length + 1];
		sources[0] = App.class;
		System.arraycopy(extra, 0, sources, 1, extra.length);
		return new SpringApplicationBuilder(sources).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "grpc.server.port=0", "grpc.uds.path=" + this.socket,
					"grpc.client.echo.address=unix:" + this.socket)
			.properties(properties)
			.run();
	}

	private static String unaryThread(EchoClients clients) {
		return call(clients, (stub) -> stub.unary(request(PlainEchoService.THREAD)));
	}

	private static String serverStreamThread(EchoClients clients) {
		return call(clients, (stub) -> stub.serverStream(request("x")).next());
	}

	private static String call(EchoClients clients, Function<EchoGrpc.EchoBlockingStub, EchoReply> call) {
		return call.apply(clients.blocking.withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS)).getText();
	}

	private static void awaitHeld(PlainEchoService service) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (service.heldCalls() < 1 && System.nanoTime() - deadline < 0) {
			Thread.sleep(5);
		}
		assertThat(service.heldCalls()).as("calls held").isOne();
	}

	static List<String> awaitNoThreadNamed(String prefix) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		List<String> left = threadsNamed(prefix);
		while (!left.isEmpty() && System.nanoTime() - deadline < 0) {
			Thread.sleep(20);
			left = threadsNamed(prefix);
		}
		return left;
	}

	private static List<String> threadsNamed(String prefix) {
		return Thread.getAllStackTraces().keySet().stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith(prefix))
			.toList();
	}

	record Threads(String unary, String serverStream, boolean unaryVirtual, boolean proxied) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(EchoClients.class)
	static class App {

	}

	/** The echo service that tells where its methods run, and whether on a virtual thread. */
	static class VirtualTelling extends ThreadEchoService {

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

	@GrpcService
	static class ThreadService extends VirtualTelling {

	}

	@GrpcService
	@NonBlocking
	static class AllNonBlockingService extends VirtualTelling {

	}

	@GrpcService
	static class StreamNonBlockingService extends VirtualTelling {

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

	@Configuration(proxyBeanMethods = false)
	static class OwnExecutorConfigurer {

		@Bean(destroyMethod = "shutdownNow")
		ExecutorService ownConfigurerExecutor() {
			AtomicInteger count = new AtomicInteger();
			return Executors.newCachedThreadPool((task) -> new Thread(task, "own-configurer-" + count.incrementAndGet()));
		}

		@Bean
		GrpcServerConfigurer ownExecutorConfigurer(ExecutorService ownConfigurerExecutor) {
			return (builder) -> builder.executor(ownConfigurerExecutor);
		}

	}

}
