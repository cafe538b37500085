package io.github.udsgrpc.socket;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every way of writing a socket, read by {@link UdsAddress}, and the platform's rules on it.
 */
class UdsAddressTests {

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
		return UdsAddress.parseTarget(target).path();
	}

	@Test
	void abstractNames() {
		UdsAddress plain = UdsAddress.parseTarget(URI.create("unix-abstract:my-app.grpc"));
		assertThat(plain.isAbstract()).isTrue();
		assertThat(plain.abstractName()).isEqualTo("my-app.grpc");
		assertThat(plain.toNettyAddress().path()).isEqualTo("\0my-app.grpc");
		assertThat(plain.target()).isEqualTo("unix-abstract:my-app.grpc");
		// As gRPC C-core reads it: everything after the scheme, a leading slash included, percent-decoded.
		assertThat(UdsAddress.parseTarget(URI.create("unix-abstract:/run/x")).abstractName()).isEqualTo("/run/x");
		assertThat(UdsAddress.parseTarget(URI.create("unix-abstract:a%20b")).abstractName()).isEqualTo("a b");
	}

	@Test
	void anAbstractTargetHasNoHostAndNoNul() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> UdsAddress.parseTarget(URI.create("unix-abstract://host/name")))
			.withMessageContaining("names a host ('host')")
			.withMessageContaining("unix-abstract:name");
		assertThatIllegalArgumentException().isThrownBy(() -> UdsAddress.parseTarget(URI.create("unix-abstract:a%00b")))
			.withMessageContaining("must not contain NUL bytes");
	}

	@Test
	void onlyTheUnixSchemesAreSockets() {
		assertThat(UdsAddress.isSocketTarget(URI.create("unix-abstract:a"))).isTrue();
		assertThat(UdsAddress.isSocketTarget(URI.create("unix:/a"))).isTrue();
		assertThat(UdsAddress.isSocketTarget(URI.create("dns:///a:1"))).isFalse();
		assertThat(UdsAddress.isSocketTarget(URI.create("static://a:1"))).isFalse();
		assertThat(UdsAddress.isSocketTarget(URI.create("name"))).isFalse();
	}

	@Test
	void aTargetStringIsReadAsAUri() {
		assertThat(UdsAddress.parseTarget("unix:///run/app.sock").path()).isEqualTo(Path.of("/run/app.sock"));
		assertThatIllegalArgumentException().isThrownBy(() -> UdsAddress.parseTarget("unix:/a b|c"))
			.withMessageStartingWith("Socket target 'unix:/a b|c' is not a URI")
			.withMessageEndingWith("unix-abstract:name");
		assertThatIllegalArgumentException().isThrownBy(() -> UdsAddress.parseTarget("dns:///localhost:9090"))
			.withMessageContaining("has scheme 'dns', not 'unix' or 'unix-abstract'");
	}

	@Test
	void aConfiguredValueIsAPathOrAnAtName() {
		assertThat(UdsAddress.parse("/run/app.sock")).isEqualTo(UdsAddress.file(Path.of("/run/app.sock")));
		assertThat(UdsAddress.parse("@app.grpc")).isEqualTo(UdsAddress.abstractName("app.grpc"));
		assertThat(UdsAddress.parse("@app.grpc").toString()).isEqualTo("@app.grpc");
		assertThatIllegalArgumentException().isThrownBy(() -> UdsAddress.parse(" "))
			.withMessage("A socket path must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> UdsAddress.parse("@"))
			.withMessage("An abstract socket name must not be empty: write @name");
	}

	@Test
	void theTargetOfAnAddressReadsBackAsTheSameAddress() {
		UdsAddress file = UdsAddress.file(Path.of("/run/app.sock"));
		UdsAddress name = UdsAddress.abstractName("app.grpc");
		assertThat(UdsAddress.parseTarget(file.target())).isEqualTo(file);
		assertThat(UdsAddress.parseTarget(name.target())).isEqualTo(name);
	}

	@Test
	void anAbstractNameHasNoProblemOnEpollOnlyWhileItFits() {
		assertThat(UdsAddress.abstractName("x".repeat(SocketPathLimit.ABSTRACT_NAME)).problemOn(SocketTransport.EPOLL))
			.isEmpty();
		assertThat(UdsAddress.abstractName("x".repeat(107)).problemOn(SocketTransport.EPOLL)).hasValueSatisfying(
				(problem) -> {
					assertThat(problem.kind()).isEqualTo(UdsAddress.Problem.Kind.NAME_TOO_LONG);
					assertThat(problem.length()).isEqualTo(107);
					assertThat(problem.limit()).isEqualTo(106);
					assertThat(problem.description())
						.isEqualTo("the name is 107 bytes long, and an abstract socket name may be at most 106 bytes");
				});
		assertThat(UdsAddress.abstractName("x").problemOn(SocketTransport.KQUEUE)).hasValueSatisfying(
				(problem) -> assertThat(problem.kind()).isEqualTo(UdsAddress.Problem.Kind.ABSTRACT_NOT_SUPPORTED));
	}

	@Test
	void aPathLongerThanSunPathIsAProblemOnEveryTransport() {
		int limit = SocketPathLimit.current();
		UdsAddress fits = UdsAddress.file(Path.of("/" + "p".repeat(limit - 1)));
		UdsAddress tooLong = UdsAddress.file(Path.of("/" + "p".repeat(limit)));
		assertThat(fits.length()).isEqualTo(limit);
		assertThat(fits.problemOn(SocketTransport.EPOLL)).isEmpty();
		for (SocketTransport transport : SocketTransport.values()) {
			assertThat(tooLong.problemOn(transport)).hasValueSatisfying((problem) -> {
				assertThat(problem.kind()).isEqualTo(UdsAddress.Problem.Kind.PATH_TOO_LONG);
				assertThat(problem.description()).startsWith("the path is " + (limit + 1) + " bytes long, and a Unix "
						+ "socket path may be at most " + limit + " bytes on ");
			});
		}
	}

}
