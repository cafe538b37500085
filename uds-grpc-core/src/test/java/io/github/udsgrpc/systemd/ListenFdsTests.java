package io.github.udsgrpc.systemd;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The environment as {@code sd_listen_fds(3)} reads it.
 */
class ListenFdsTests {

	@Test
	void descriptorsStartAtThreeAndTakeTheirNamesInOrder() {
		ListenFds.Result result = ListenFds.read(
				Map.of("LISTEN_PID", "42", "LISTEN_FDS", "3", "LISTEN_FDNAMES", "grpc::admin"), 42);
		assertThat(result.fds()).containsExactly(new ListenFds.PassedFd(3, "grpc"), new ListenFds.PassedFd(4, null),
				new ListenFds.PassedFd(5, "admin"));
		assertThat(result.note()).isNull();
		assertThat(result.fds().get(0).describe()).isEqualTo("fd 3 (LISTEN_FDNAMES 'grpc')");
		assertThat(result.fds().get(1).describe()).isEqualTo("fd 4");
	}

	@Test
	void descriptorsForAnotherProcessAreNotTaken() {
		ListenFds.Result result = ListenFds.read(Map.of("LISTEN_PID", "41", "LISTEN_FDS", "1"), 42);
		assertThat(result.fds()).isEmpty();
		assertThat(result.note()).isEqualTo("LISTEN_FDS is set for pid 41, not for this process (pid 42)");
		assertThat(ListenFds.read(Map.of("LISTEN_FDS", "1"), 42).fds()).isEmpty();
	}

	@Test
	void noVariablesNoDescriptorsAndNoNote() {
		ListenFds.Result result = ListenFds.read(Map.of(), 42);
		assertThat(result.fds()).isEmpty();
		assertThat(result.note()).isNull();
	}

	@Test
	void aBadCountIsReported() {
		assertThat(ListenFds.read(Map.of("LISTEN_PID", "42", "LISTEN_FDS", "x"), 42).note())
			.isEqualTo("LISTEN_FDS is not a number: 'x'");
	}

}
