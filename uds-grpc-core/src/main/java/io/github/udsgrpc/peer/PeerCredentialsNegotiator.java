package io.github.udsgrpc.peer;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.udsgrpc.socket.SocketTransport;
import io.grpc.Attributes;
import io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.InternalProtocolNegotiationEvent;
import io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.InternalProtocolNegotiators;
import io.grpc.netty.ProtocolNegotiationEvent;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AsciiString;

/**
 * grpc-java's plaintext server negotiation, preceded by one step that reads the peer's credentials from the
 * accepted socket and adds them to the transport's attributes, from where grpc-java hands them to every call
 * ({@code ServerCall.getAttributes()}). grpc-java hides the Netty channel from everything else (a
 * {@code ServerTransportFilter} sees the attributes but not the channel), and its negotiation is the one place that
 * runs once per connection with the channel in hand.
 */
public final class PeerCredentialsNegotiator implements InternalProtocolNegotiator.ProtocolNegotiator {

	private static final System.Logger logger = System.getLogger(PeerCredentialsNegotiator.class.getName());

	/** Per connection: whether a refusal was logged for it already (see {@link PeerAccessInterceptor}). */
	static final Attributes.Key<AtomicBoolean> REFUSAL_LOGGED = Attributes.Key
		.create("io.github.udsgrpc.peer-refusal-logged");

	private final InternalProtocolNegotiator.ProtocolNegotiator plaintext = InternalProtocolNegotiators
		.serverPlaintext();

	private final SocketTransport transport;

	/**
	 * Creates the negotiator.
	 * @param transport the transport whose domain socket channels the server accepts
	 */
	public PeerCredentialsNegotiator(SocketTransport transport) {
		this.transport = transport;
	}

	@Override
	public AsciiString scheme() {
		return this.plaintext.scheme();
	}

	@Override
	public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
		return new ReadPeerCredentials(this.plaintext.newHandler(grpcHandler), grpcHandler, this.transport);
	}

	@Override
	public void close() {
		this.plaintext.close();
	}

	/**
	 * Reads the credentials when the first negotiation event passes, then replaces itself with the plaintext
	 * negotiation.
	 */
	private static final class ReadPeerCredentials extends InternalProtocolNegotiators.ProtocolNegotiationHandler {

		private final SocketTransport transport;

		ReadPeerCredentials(ChannelHandler next, GrpcHttp2ConnectionHandler grpcHandler, SocketTransport transport) {
			super(next, "PeerCredentials", grpcHandler.getNegotiationLogger());
			this.transport = transport;
		}

		@Override
		protected void protocolNegotiationEventTriggered(ChannelHandlerContext ctx) {
			ProtocolNegotiationEvent event = getProtocolNegotiationEvent();
			Attributes.Builder attributes = InternalProtocolNegotiationEvent.getAttributes(event)
				.toBuilder()
				.set(REFUSAL_LOGGED, new AtomicBoolean());
			PeerCredentials credentials = credentialsOf(ctx);
			if (credentials != null) {
				attributes.set(PeerCredentials.TRANSPORT_ATTRIBUTE, credentials);
			}
			replaceProtocolNegotiationEvent(InternalProtocolNegotiationEvent.withAttributes(event, attributes.build()));
			fireProtocolNegotiationEvent(ctx);
		}

		private PeerCredentials credentialsOf(ChannelHandlerContext ctx) {
			try {
				SocketTransport.PeerIds ids = this.transport.peerCredentials(ctx.channel());
				return (ids != null) ? PeerCredentials.of(ids.pid(), ids.uid(), ids.gids()) : null;
			}
			catch (IOException | RuntimeException ex) {
				// No credentials: the calls of this connection are refused by any policy but the open one.
				logger.log(Level.WARNING, "Could not read the peer credentials of " + ctx.channel() + ": " + ex);
				return null;
			}
		}

	}

}
