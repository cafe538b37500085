package io.github.udsgrpc.autoconfigure.socket;

import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class UdsEventLoopsTests {

	@Test
	void theGroupIsMadeOnceOnFirstUseAndShutDownOnDestroy() {
		UdsEventLoops loops = new UdsEventLoops(2);
		assertThat(loops.isStarted()).isFalse();
		EventLoopGroup group = loops.group();
		assertThat(loops.group()).isSameAs(group);
		group.submit(() -> {
		}).syncUninterruptibly();
		assertThat(threadNamed("uds-grpc")).isTrue();

		loops.destroy();

		assertThat(group.isTerminated()).isTrue();
		assertThat(threadNamed("uds-grpc")).isFalse();
		assertThatIllegalStateException().isThrownBy(loops::group).withMessageContaining("already shut down");
	}

	@Test
	void destroyingAnUnusedHolderStartsNothing() {
		UdsEventLoops loops = new UdsEventLoops(0);
		loops.destroy();
		assertThat(loops.isStarted()).isFalse();
	}

	private static boolean threadNamed(String prefix) {
		return Thread.getAllStackTraces().keySet().stream().anyMatch((t) -> t.isAlive() && t.getName().startsWith(prefix));
	}

}
