package io.github.udsgrpc.boot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.github.udsgrpc.client.UdsChannels;
import io.github.udsgrpc.server.CallExecutor;
import io.github.udsgrpc.server.NonBlocking;
import io.github.udsgrpc.server.NonBlockingMethods;
import io.github.udsgrpc.server.UdsServer;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.echo.EchoRequest;
import io.github.udsgrpc.testsupport.PlainEchoService;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.github.udsgrpc.testsupport.ThreadEchoService;
import io.github.udsgrpc.testsupport.ThreadNames;
import io.grpc.ManagedChannel;
import io.grpc.ServiceDescriptor;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;

import static io.github.udsgrpc.testsupport.Calls.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link UdsCallExecution}: which methods are non-blocking (named, marked behind a Spring proxy, every one with the
 * low-latency profile), when the builder gets an executor at all, whose, and that the executor made here is made
 * on first use only and leaves no thread once closed; through real servers on a socket.
 */
class UdsCallExecutionTests {

	private static final ServiceDescriptor ECHO = EchoGrpc.getServiceDescriptor();

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private final Path socket = this.dir.socket("exec.sock");

	private final UdsEventLoops loops = new UdsEventLoops(1);

	private UdsServer server;

	private ManagedChannel channel;

	@AfterEach
	void close() throws InterruptedException {
		if (this.channel != null) {
			this.channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}
		if (this.server != null) {
			this.server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}
		this.loops.close();
	}

	@Test
	void namedAndMarkedMethodsAddUpAndAMarkIsReadBehindASpringProxy() {
		UdsCallExecution execution = execution(NonBlockingMethods.of("udsgrpc.test.Echo/Unary"), false,
				CallExecutor.CACHED);
		Object proxy = cglibProxyOf(new BidiNonBlocking());
		assertThat(AopUtils.isCglibProxy(proxy)).isTrue();
		execution.addService(proxy, ECHO);

		NonBlockingMethods methods = execution.nonBlockingMethods();
		assertThat(methods.names()).containsExactly("udsgrpc.test.Echo/Unary", "udsgrpc.test.Echo/Bidi");
		assertThat(execution.splitsCalls()).isTrue();
	}

	@Test
	void withTheLowLatencyProfileEveryMethodIsNonBlockingAndNoExecutorIsSet() {
		UdsCallExecution execution = execution(NonBlockingMethods.of("udsgrpc.test.Echo/Unary"), true,
				CallExecutor.FORK_JOIN);
		assertThat(execution.nonBlockingMethods().isEveryMethod()).isTrue();
		assertThat(execution.nonBlockingMethods().names()).as("still checked").containsExactly("udsgrpc.test.Echo/Unary");
		assertThat(execution.splitsCalls()).isFalse();
	}

	@Test
	void callsAreSplitOnlyWhenAMethodIsNonBlockingOrAnExecutorOtherThanTheCachedPoolIsChosen() {
		assertThat(execution(NonBlockingMethods.none(), false, CallExecutor.CACHED).splitsCalls()).isFalse();
		assertThat(execution(NonBlockingMethods.none(), false, CallExecutor.FORK_JOIN).splitsCalls()).isTrue();
		assertThat(execution(NonBlockingMethods.of("udsgrpc.test.Echo/*"), false, CallExecutor.CACHED).splitsCalls())
			.isTrue();
	}

	@Test
	void nothingChosenLeavesTheBuilderAndMakesNoExecutor() throws Exception {
		UdsCallExecution execution = execution(NonBlockingMethods.none(), false, CallExecutor.CACHED);
		start(execution, new ThreadEchoService());
		assertThat(unaryThread()).startsWith("grpc-default-executor");
		assertThat(serverStreamThread()).startsWith("grpc-default-executor");
		execution.close();
		assertThat(ThreadNames.alive("uds-grpc-calls-")).isEmpty();
	}

	@Test
	void theExecutorMadeOnFirstUseRunsTheMethodsThatMayBlockAndLeavesNoThreadOnceClosed() throws Exception {
		UdsCallExecution execution = execution(NonBlockingMethods.of("udsgrpc.test.Echo/ServerStream"), false,
				CallExecutor.FORK_JOIN);
		start(execution, new ThreadEchoService());
		assertThat(unaryThread()).startsWith("uds-grpc-calls-fork-join-");
		assertThat(serverStreamThread()).matches("uds-grpc-\\d+-\\d+");

		this.server.shutdown().awaitTermination(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		execution.close();
		assertThat(execution.isTerminated()).isTrue();
		assertThat(ThreadNames.awaitNoneAlive("uds-grpc-calls-fork-join-", WAIT)).isEmpty();
	}

	@Test
	void theApplicationsExecutorRunsTheMethodsThatMayBlockInsteadOfOneMadeHere() throws Exception {
		ExecutorService own = Executors.newSingleThreadExecutor((task) -> new Thread(task, "application-executor"));
		try {
			UdsCallExecution execution = new UdsCallExecution(NonBlockingMethods.of("udsgrpc.test.Echo/ServerStream"),
					false, CallExecutor.FORK_JOIN, () -> own);
			start(execution, new ThreadEchoService());
			assertThat(unaryThread()).isEqualTo("application-executor");
			assertThat(serverStreamThread()).matches("uds-grpc-\\d+-\\d+");
			execution.close();
			assertThat(ThreadNames.alive("uds-grpc-calls-")).as("no executor was made").isEmpty();
		}
		finally {
			own.shutdownNow();
		}
	}

	private static UdsCallExecution execution(NonBlockingMethods named, boolean lowLatency, CallExecutor kind) {
		return new UdsCallExecution(named, lowLatency, kind, null);
	}

	private void start(UdsCallExecution execution, PlainEchoService service) throws Exception {
		UdsServer.Builder builder = UdsServer.builder()
			.listenUnixSocket(this.socket)
			.eventLoops(this.loops)
			.addService(service.bindService());
		execution.addService(service, ECHO);
		execution.applyTo(builder);
		this.server = builder.build().start();
		this.channel = UdsChannels.using(this.loops).channelBuilder("unix:" + this.socket).build();
	}

	private String unaryThread() {
		return call((stub) -> stub.unary(request(PlainEchoService.THREAD)));
	}

	private String serverStreamThread() {
		return call((stub) -> stub.serverStream(request("x")).next());
	}

	private String call(Function<EchoGrpc.EchoBlockingStub, EchoReply> call) {
		return call.apply(EchoGrpc.newBlockingStub(this.channel).withDeadlineAfter(WAIT.toMillis(),
				TimeUnit.MILLISECONDS)).getText();
	}

	private static Object cglibProxyOf(Object target) {
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(true);
		return factory.getProxy();
	}

	/** Marks its bidi method non-blocking. */
	public static class BidiNonBlocking extends ThreadEchoService {

		@Override
		@NonBlocking
		public StreamObserver<EchoRequest> bidi(StreamObserver<EchoReply> responseObserver) {
			return super.bidi(responseObserver);
		}

	}

}
