package io.github.udsgrpc.peer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalLogTests {

	@Test
	void atMostTenLinesAMinuteThenSaysHowManyWereLeftOut() {
		AtomicLong now = new AtomicLong(1_000);
		RefusalLog log = new RefusalLog(now::get);
		for (int i = 0; i < RefusalLog.LINES_PER_MINUTE; i++) {
			assertThat(log.admit()).as("line %d", i).isEmpty();
		}
		assertThat(log.admit()).isNull();
		assertThat(log.admit()).isNull();
		now.addAndGet(TimeUnit.SECONDS.toNanos(59));
		assertThat(log.admit()).as("still the same minute").isNull();
		now.addAndGet(TimeUnit.SECONDS.toNanos(1));
		assertThat(log.admit()).isEqualTo(" (3 earlier refusal(s) on this listener were not logged, at most 10 lines a minute)");
		assertThat(log.admit()).isEmpty();
	}

}
