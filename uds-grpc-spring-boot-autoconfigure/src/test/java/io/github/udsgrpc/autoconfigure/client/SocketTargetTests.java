package io.github.udsgrpc.autoconfigure.client;

import java.net.URI;
import java.nio.file.Path;

import io.github.udsgrpc.autoconfigure.socket.UdsAddress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SocketTargetTests {

	@Test
	void absoluteForms() {
		assertThat(path(URI.create("unix:/run/app.sock"))).isEqualTo(Path.of("/run/app.sock"));
		assertThat(path(URI.create("unix:///run/app.sock"))).isEqualTo(Path.of("/run/app.sock"));
	}

	@Test
	void relativeFormResolvesAgainstTheWorkingDirectory() {
		assertThat(path(URI.create("unix:run/app.sock")))
			.isEqualTo(Path.of("run/app.sock").toAbsolutePath());
	}

	@Test
	void percentEncodingIsDecoded() {
		assertThat(path(URI.create("unix:/run/my%20app.sock"))).isEqualTo(Path.of("/run/my app.sock"));
	}

	@Test
	void aHostIsRefusedWithTheRightForms() {
		assertThatIllegalArgumentException().isThrownBy(() -> path(URI.create("unix://run/app.sock")))
			.withMessageContaining("names a host ('run')")
			.withMessageContaining("unix:///absolute/path");
	}

	@Test
	void anEmptyPathIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> path(URI.create("unix:///")))
			.withMessageContaining("has no path");
		assertThatIllegalArgumentException().isThrownBy(() -> path(URI.create("unix:/run/")))
			.withMessageContaining("has no path");
	}

	private static Path path(URI target) {
		return SocketTarget.address(target).path();
	}

	@Test
	void abstractNames() {
		UdsAddress plain = SocketTarget.address(URI.create("unix-abstract:my-app.grpc"));
		assertThat(plain.isAbstract()).isTrue();
		assertThat(plain.abstractName()).isEqualTo("my-app.grpc");
		assertThat(plain.toNettyAddress().path()).isEqualTo("\0my-app.grpc");
		assertThat(plain.target()).isEqualTo("unix-abstract:my-app.grpc");
		// As gRPC C-core reads it: everything after the scheme, a leading slash included, percent-decoded.
		assertThat(SocketTarget.address(URI.create("unix-abstract:/run/x")).abstractName()).isEqualTo("/run/x");
		assertThat(SocketTarget.address(URI.create("unix-abstract:a%20b")).abstractName()).isEqualTo("a b");
	}

	@Test
	void anAbstractTargetHasNoHostAndNoNul() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SocketTarget.address(URI.create("unix-abstract://host/name")))
			.withMessageContaining("names a host ('host')")
			.withMessageContaining("unix-abstract:name");
		assertThatIllegalArgumentException().isThrownBy(() -> SocketTarget.address(URI.create("unix-abstract:a%00b")))
			.withMessageContaining("must not contain NUL bytes");
	}

	@Test
	void onlyTheUnixSchemesAreSockets() {
		assertThat(SocketTarget.isSocket(URI.create("unix-abstract:a"))).isTrue();
		assertThat(SocketTarget.isSocket(URI.create("unix:/a"))).isTrue();
		assertThat(SocketTarget.isSocket(URI.create("dns:///a:1"))).isFalse();
		assertThat(SocketTarget.isSocket(URI.create("static://a:1"))).isFalse();
		assertThat(SocketTarget.isSocket(URI.create("name"))).isFalse();
	}

}
