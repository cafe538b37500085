package io.github.udsgrpc.socket;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class UdsEventLoopsTests {

	@Test
	void theGroupIsMadeOnceOnFirstUseAndShutDownOnClose() {
		UdsEventLoops loops = new UdsEventLoops(2);
		assertThat(loops.isStarted()).isFalse();
		EventLoopGroup group = loops.group();
		assertThat(loops.group()).isSameAs(group);
		// Its own threads: the JVM's shared group, which other tests start, names its threads alike.
		List<Thread> threads = new ArrayList<>();
		group.forEach((loop) -> threads.add(loop.submit(() -> Thread.currentThread()).syncUninterruptibly().getNow()));
		assertThat(threads).hasSize(2).allMatch(Thread::isAlive).allMatch((t) -> t.getName().startsWith("uds-grpc-"));

		loops.close();

		assertThat(group.isTerminated()).isTrue();
		assertThat(threads).noneMatch(Thread::isAlive);
		assertThatIllegalStateException().isThrownBy(loops::group).withMessageContaining("already shut down");
	}

	@Test
	void closingAnUnusedHolderStartsNothing() {
		UdsEventLoops loops = new UdsEventLoops(0);
		loops.close();
		assertThat(loops.isStarted()).isFalse();
	}

	@Test
	void theJvmsSharedGroupIsOneAndSurvivesClose() {
		UdsEventLoops shared = UdsEventLoops.shared();
		assertThat(UdsEventLoops.shared()).isSameAs(shared);
		EventLoopGroup group = shared.group();
		shared.close();
		assertThat(group.isShuttingDown()).isFalse();
		assertThat(shared.group()).isSameAs(group);
	}

	@Test
	void aNegativeThreadCountIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new UdsEventLoops(-1))
			.withMessage("The number of event loop threads must be 0 or more, was -1");
	}

}
