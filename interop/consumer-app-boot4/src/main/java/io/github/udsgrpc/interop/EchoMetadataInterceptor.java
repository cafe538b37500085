package io.github.udsgrpc.interop;

import io.github.udsgrpc.interop.proto.OrdersGrpc;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.stereotype.Component;

/**
 * GetOrder's metadata contract (orders.proto): echoes the request's x-interop-echo headers as response headers and
 * ends with an x-interop-trailer naming this implementation. A service method cannot see headers, hence an
 * interceptor: a bean marked {@code @GlobalServerInterceptor}, which Spring gRPC applies to every service, on the
 * socket as on TCP.
 */
@Component
@GlobalServerInterceptor
class EchoMetadataInterceptor implements ServerInterceptor {

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		if (!call.getMethodDescriptor().getFullMethodName().equals(OrdersGrpc.getGetOrderMethod().getFullMethodName())) {
			return next.startCall(call, headers);
		}
		String echo = headers.get(InteropMetadata.ECHO);
		byte[] echoBin = headers.get(InteropMetadata.ECHO_BIN);
		return next.startCall(new SimpleForwardingServerCall<>(call) {

			@Override
			public void sendHeaders(Metadata responseHeaders) {
				if (echo != null) {
					responseHeaders.put(InteropMetadata.ECHO, echo);
				}
				if (echoBin != null) {
					responseHeaders.put(InteropMetadata.ECHO_BIN, echoBin);
				}
				super.sendHeaders(responseHeaders);
			}

			@Override
			public void close(Status status, Metadata trailers) {
				trailers.put(InteropMetadata.TRAILER, "grpc-java");
				super.close(status, trailers);
			}

		}, headers);
	}

}
