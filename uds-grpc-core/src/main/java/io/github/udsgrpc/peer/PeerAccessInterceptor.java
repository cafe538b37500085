package io.github.udsgrpc.peer;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.udsgrpc.socket.UdsAddress;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * The first interceptor of a socket listener's server: refuses calls from peers its policy does not allow with
 * {@code PERMISSION_DENIED} before any other interceptor or service code runs, and puts the credentials of allowed
 * calls into the gRPC {@link Context} ({@link PeerCredentials#current()}).
 *
 * <p>
 * A refusal is logged at WARN once per connection (a client that retries on the same connection adds no lines), and
 * at most {@value RefusalLog#LINES_PER_MINUTE} times a minute per listener.
 */
public final class PeerAccessInterceptor implements ServerInterceptor {

	private static final System.Logger logger = System.getLogger(PeerAccessInterceptor.class.getName());

	private final String listenerName;

	private final UdsAddress address;

	private final PeerAccessPolicy policy;

	private final long ownUid;

	private final RefusalLog refusalLog;

	/**
	 * Creates the interceptor of one listener.
	 * @param listenerName the listener's name, for the log
	 * @param address the listener's socket path or abstract name, for the log
	 * @param policy who may call
	 */
	public PeerAccessInterceptor(String listenerName, UdsAddress address, PeerAccessPolicy policy) {
		this(listenerName, address, policy, ProcessUser.uid(), new RefusalLog(System::nanoTime));
	}

	PeerAccessInterceptor(String listenerName, UdsAddress address, PeerAccessPolicy policy, long ownUid,
			RefusalLog refusalLog) {
		this.listenerName = listenerName;
		this.address = address;
		this.policy = policy;
		this.ownUid = ownUid;
		this.refusalLog = refusalLog;
	}

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		PeerCredentials peer = call.getAttributes().get(PeerCredentials.TRANSPORT_ATTRIBUTE);
		if (!this.policy.permits(peer, this.ownUid)) {
			logRefusal(call, peer);
			String who = (peer != null) ? "uid " + peer.uid() : "a peer whose credentials could not be read";
			call.close(Status.PERMISSION_DENIED.withDescription(
					"Unix socket listener '" + this.listenerName + "' does not allow " + who), new Metadata());
			return new ServerCall.Listener<>() {
			};
		}
		if (peer == null) {
			return next.startCall(call, headers);
		}
		return Contexts.interceptCall(Context.current().withValue(PeerCredentials.CONTEXT_KEY, peer), call, headers,
				next);
	}

	private void logRefusal(ServerCall<?, ?> call, PeerCredentials peer) {
		AtomicBoolean logged = call.getAttributes().get(PeerCredentialsNegotiator.REFUSAL_LOGGED);
		if (logged != null && !logged.compareAndSet(false, true)) {
			return;
		}
		String note = this.refusalLog.admit();
		if (note == null || !logger.isLoggable(Level.WARNING)) {
			return;
		}
		String who = (peer != null) ? "peer " + peer : "a peer whose credentials could not be read";
		logger.log(Level.WARNING, "Refused gRPC call " + call.getMethodDescriptor().getFullMethodName()
				+ " on Unix socket listener '" + this.listenerName + "' (" + this.address + "): " + who
				+ " is not allowed (allowed: " + this.policy.describe(this.ownUid) + "); answered PERMISSION_DENIED. "
				+ "Further refusals on this connection are not logged" + note + ".");
	}

}
