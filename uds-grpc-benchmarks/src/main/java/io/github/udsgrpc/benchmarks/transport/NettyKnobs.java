package io.github.udsgrpc.benchmarks.transport;

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.epoll.EpollMode;

/**
 * The Netty settings the benchmark can try through {@code bench.*} properties of a variant, with no starter
 * property behind them: {@code bench.allocator} and {@code bench.epoll-mode}.
 */
final class NettyKnobs {

	private NettyKnobs() {
	}

	/**
	 * The allocator a name stands for. grpc-java's own default is a {@code PooledByteBufAllocator} with 2 MiB
	 * chunks made in {@code io.grpc.netty.Utils}; its channel option is set before the builder's options, so an
	 * option given to the builder replaces it (NettyServer.start, NettyClientTransport.start in 1.76).
	 * @param name {@code pooled} (Netty's default pooled allocator, 16 MiB chunks), {@code unpooled} or
	 * {@code adaptive} (Netty's AdaptiveByteBufAllocator)
	 * @return the allocator
	 */
	static ByteBufAllocator allocator(String name) {
		return switch (name) {
			case "pooled" -> PooledByteBufAllocator.DEFAULT;
			case "unpooled" -> UnpooledByteBufAllocator.DEFAULT;
			case "adaptive" -> new AdaptiveByteBufAllocator();
			default -> throw new IllegalArgumentException(
					"bench.allocator must be pooled, unpooled or adaptive, was '" + name + "'");
		};
	}

	/**
	 * The epoll mode a name stands for.
	 * @param name {@code edge} (Netty 4.1's default) or {@code level}
	 * @return the mode
	 */
	static EpollMode epollMode(String name) {
		return switch (name) {
			case "edge" -> EpollMode.EDGE_TRIGGERED;
			case "level" -> EpollMode.LEVEL_TRIGGERED;
			default -> throw new IllegalArgumentException("bench.epoll-mode must be edge or level, was '" + name + "'");
		};
	}

}
