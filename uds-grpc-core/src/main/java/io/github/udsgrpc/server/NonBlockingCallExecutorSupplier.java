package io.github.udsgrpc.server;

import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.netty.NettyServerBuilder;

/**
 * Runs {@link NonBlockingMethods non-blocking} methods on the event loop thread that read the call and every other
 * method on an executor, through grpc-java's {@link ServerCallExecutorSupplier}. grpc-java looks a call's method up
 * on the server's base executor and only then asks the supplier, so the base executor must run tasks where they
 * are submitted: {@link #BASE}, installed as the server's executor. A supplier's {@code null} keeps a call on the
 * base executor, that is on the event loop.
 * <p>
 * A customizer applied later that sets an executor of its own ({@code builder.executor(x)}) replaces the base: the
 * method lookup then already runs on {@code x}, and so does every call, non-blocking or not: the application's
 * executor runs its methods, as it would without this class. That is told once, at the first call, at WARNING.
 */
final class NonBlockingCallExecutorSupplier implements ServerCallExecutorSupplier {

	private static final System.Logger logger = System.getLogger(NonBlockingCallExecutorSupplier.class.getName());

	/** Whether the current thread is running a task of {@link #BASE}. */
	private static final ThreadLocal<Boolean> onBase = ThreadLocal.withInitial(() -> Boolean.FALSE);

	/**
	 * The base executor: runs each task at once on the submitting thread (an event loop), marked so that the
	 * supplier can tell that no other executor has replaced it.
	 */
	static final Executor BASE = (task) -> {
		if (onBase.get()) {
			task.run();
			return;
		}
		onBase.set(Boolean.TRUE);
		try {
			task.run();
		}
		finally {
			onBase.set(Boolean.FALSE);
		}
	};

	private final String listenerName;

	private final NonBlockingMethods nonBlocking;

	private final Executor executor;

	private final AtomicBoolean replacedBaseTold = new AtomicBoolean();

	/**
	 * Creates the supplier.
	 * @param listenerName the listener, for the log
	 * @param nonBlocking the methods that stay on the event loop
	 * @param executor runs the others
	 */
	NonBlockingCallExecutorSupplier(String listenerName, NonBlockingMethods nonBlocking, Executor executor) {
		this.listenerName = listenerName;
		this.nonBlocking = nonBlocking;
		this.executor = executor;
	}

	/**
	 * Installs the supplier on a listener's builder, with {@link #BASE} as the server's executor.
	 * @param builder the builder
	 */
	void installOn(NettyServerBuilder builder) {
		builder.executor(BASE);
		builder.callExecutor(this);
	}

	@Override
	public <ReqT, RespT> Executor getExecutor(ServerCall<ReqT, RespT> call, Metadata metadata) {
		if (!onBase.get()) {
			tellBaseReplaced();
			return null;
		}
		return this.nonBlocking.contains(call.getMethodDescriptor()) ? null : this.executor;
	}

	private void tellBaseReplaced() {
		if (this.replacedBaseTold.compareAndSet(false, true)) {
			logger.log(Level.WARNING, "Socket listener '" + this.listenerName + "': a server builder customizer set "
					+ "an executor of its own (builder.executor(...)), which runs every call; the non-blocking "
					+ "methods and the executor chosen for the others have no effect on this listener");
		}
	}

}
