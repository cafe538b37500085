package io.github.udsgrpc.boot;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import io.github.udsgrpc.server.CallExecutor;
import io.github.udsgrpc.server.NonBlockingMethods;
import io.github.udsgrpc.server.UdsServer;
import io.grpc.ServiceDescriptor;

import org.springframework.aop.support.AopUtils;

/**
 * Where the service methods of socket listeners run, on both Spring Boot lines: the methods named in
 * {@code grpc.uds.non-blocking-methods} and those marked {@link io.github.udsgrpc.server.NonBlocking} on the
 * service beans run on the event loop; the others on the executor of {@code grpc.uds.executor}, or on the executor
 * the application gives the framework (Boot 4.1's {@code GrpcServerExecutorProvider}); with
 * {@code grpc.uds.low-latency=true} every method runs on the event loop. When no method is non-blocking and the
 * executor is grpc-java's cached pool, the server builders are left as they are.
 * <p>
 * A bean of the context: the executor it makes (on first use only) is shut down when the context closes, after the
 * servers have stopped, and its threads are gone then.
 */
public class UdsCallExecution implements AutoCloseable {

	private final NonBlockingMethods named;

	private final boolean lowLatency;

	private final CallExecutor kind;

	private final Supplier<Executor> applicationExecutor;

	private volatile NonBlockingMethods annotated = NonBlockingMethods.none();

	private ExecutorService executor;

	private boolean closed;

	/**
	 * Creates the settings.
	 * @param named the methods of {@code grpc.uds.non-blocking-methods}
	 * @param lowLatency whether every method is non-blocking ({@code grpc.uds.low-latency})
	 * @param kind the executor of {@code grpc.uds.executor}, {@code auto} resolved
	 * @param applicationExecutor the executor the application gave the framework for service methods, or
	 * {@code null}; it runs the methods that may block instead of one of {@code kind}
	 */
	public UdsCallExecution(NonBlockingMethods named, boolean lowLatency, CallExecutor kind,
			Supplier<Executor> applicationExecutor) {
		this.named = named;
		this.lowLatency = lowLatency;
		this.kind = kind;
		this.applicationExecutor = applicationExecutor;
	}

	/**
	 * Settings read from the properties.
	 * @param properties the {@code grpc.uds.*} properties
	 * @param virtualThreadsEnabled whether {@code spring.threads.virtual.enabled} is true
	 * @param applicationExecutor the executor the application gave the framework, or {@code null}
	 * @return the settings
	 */
	public static UdsCallExecution of(UdsGrpcProperties properties, boolean virtualThreadsEnabled,
			Supplier<Executor> applicationExecutor) {
		return new UdsCallExecution(UdsGrpcPropertyValues.nonBlockingMethods(properties), properties.isLowLatency(),
				UdsGrpcPropertyValues.executor(properties, virtualThreadsEnabled), applicationExecutor);
	}

	/**
	 * Adds the methods a service bean marks {@link io.github.udsgrpc.server.NonBlocking}, read from the class
	 * behind any Spring proxy.
	 * @param bean the service bean
	 * @param service the service it implements
	 */
	public void addService(Object bean, ServiceDescriptor service) {
		addService(AopUtils.getTargetClass(bean), service);
	}

	/**
	 * Adds the methods a service implementation class marks {@link io.github.udsgrpc.server.NonBlocking}.
	 * @param implementation the class, not a proxy's
	 * @param service the service it implements
	 */
	public void addService(Class<?> implementation, ServiceDescriptor service) {
		this.annotated = this.annotated.and(NonBlockingMethods.annotated(implementation, service));
	}

	/**
	 * The non-blocking methods: named, marked, or every method with the low-latency profile.
	 * @return them
	 */
	public NonBlockingMethods nonBlockingMethods() {
		NonBlockingMethods all = this.named.and(this.annotated);
		return this.lowLatency ? all.andEveryMethod() : all;
	}

	/**
	 * The kind of executor that runs the methods that may block, unless the application gave one.
	 * @return the kind
	 */
	public CallExecutor kind() {
		return this.kind;
	}

	/**
	 * Whether the methods that may block run on an executor set here, apart from the non-blocking ones; if not, the
	 * builder keeps its executor (grpc-java's, the application's, or the event loop with the low-latency profile).
	 * @return true when some method is non-blocking or an executor other than the cached pool was chosen, and not
	 * every method is non-blocking
	 */
	public boolean splitsCalls() {
		NonBlockingMethods nonBlocking = nonBlockingMethods();
		return !nonBlocking.isEveryMethod() && (!nonBlocking.isEmpty() || this.kind != CallExecutor.CACHED);
	}

	/**
	 * Gives a socket server's builder the non-blocking methods and, if {@link #splitsCalls()}, the executor of the
	 * others: the application's, or one of {@link #kind()} made on first use.
	 * @param builder the builder
	 */
	public void applyTo(UdsServer.Builder builder) {
		builder.nonBlocking(nonBlockingMethods());
		if (splitsCalls()) {
			Executor application = (this.applicationExecutor != null) ? this.applicationExecutor.get() : null;
			builder.callExecutor((application != null) ? application : executor());
		}
	}

	private synchronized Executor executor() {
		if (this.closed) {
			throw new IllegalStateException("The executor of gRPC calls is shut down");
		}
		if (this.executor == null) {
			this.executor = this.kind.create();
		}
		return this.executor;
	}

	/**
	 * Whether the executor made here, if any, is shut down and its threads are gone.
	 * @return true if none was made or it has terminated
	 */
	public synchronized boolean isTerminated() {
		return this.executor == null || this.executor.isTerminated();
	}

	/**
	 * Shuts the executor made here down, waiting for its threads to end (calls still running get 10 s, then are
	 * interrupted).
	 */
	@Override
	public void close() {
		ExecutorService made;
		synchronized (this) {
			this.closed = true;
			made = this.executor;
		}
		if (made != null) {
			CallExecutor.shutdown(made);
		}
	}

}
