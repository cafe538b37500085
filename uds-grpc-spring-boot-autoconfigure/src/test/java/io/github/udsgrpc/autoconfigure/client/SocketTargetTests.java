package io.github.udsgrpc.autoconfigure.client;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SocketTargetTests {

	@Test
	void absoluteForms() {
		assertThat(SocketTarget.path(URI.create("unix:/run/app.sock"))).isEqualTo(Path.of("/run/app.sock"));
		assertThat(SocketTarget.path(URI.create("unix:///run/app.sock"))).isEqualTo(Path.of("/run/app.sock"));
	}

	@Test
	void relativeFormResolvesAgainstTheWorkingDirectory() {
		assertThat(SocketTarget.path(URI.create("unix:run/app.sock")))
			.isEqualTo(Path.of("run/app.sock").toAbsolutePath());
	}

	@Test
	void percentEncodingIsDecoded() {
		assertThat(SocketTarget.path(URI.create("unix:/run/my%20app.sock"))).isEqualTo(Path.of("/run/my app.sock"));
	}

	@Test
	void aHostIsRefusedWithTheRightForms() {
		assertThatIllegalArgumentException().isThrownBy(() -> SocketTarget.path(URI.create("unix://run/app.sock")))
			.withMessageContaining("names a host ('run')")
			.withMessageContaining("unix:///absolute/path");
	}

	@Test
	void anEmptyPathIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SocketTarget.path(URI.create("unix:///")))
			.withMessageContaining("has no path");
		assertThatIllegalArgumentException().isThrownBy(() -> SocketTarget.path(URI.create("unix:/run/")))
			.withMessageContaining("has no path");
	}

	@Test
	void onlyTheUnixSchemeIsASocket() {
		assertThat(SocketTarget.isSocket(URI.create("unix:/a"))).isTrue();
		assertThat(SocketTarget.isSocket(URI.create("dns:///a:1"))).isFalse();
		assertThat(SocketTarget.isSocket(URI.create("static://a:1"))).isFalse();
		assertThat(SocketTarget.isSocket(URI.create("name"))).isFalse();
	}

}
