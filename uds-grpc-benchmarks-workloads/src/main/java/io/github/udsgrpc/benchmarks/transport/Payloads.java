package io.github.udsgrpc.benchmarks.transport;

import com.google.protobuf.ByteString;
import io.github.udsgrpc.benchmarks.proto.Payload;

/**
 * The tiny message of the unary workloads.
 */
public final class Payloads {

	/** Payload bytes of a tiny message; the raw socket ping-pong sends as many. */
	public static final int TINY_SIZE = 16;

	/** The tiny message. */
	public static final Payload TINY = Payload.newBuilder().setData(ByteString.copyFrom(new byte[TINY_SIZE])).build();

	private Payloads() {
	}

}
