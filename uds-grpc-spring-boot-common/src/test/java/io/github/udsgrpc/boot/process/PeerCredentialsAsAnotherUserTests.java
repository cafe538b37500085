package io.github.udsgrpc.boot.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.udsgrpc.server.UdsListenerConfigurer;
import io.github.udsgrpc.testsupport.JavaProcess;
import io.github.udsgrpc.testsupport.OtherUser;
import io.github.udsgrpc.testsupport.SharedClassPath;
import io.github.udsgrpc.testsupport.WhoAmICaller;
import io.github.udsgrpc.boot.testsupport.WhoAmI;
import io.github.udsgrpc.testsupport.transport.TestTransport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client JVM that really runs as {@code nobody} (setpriv) calls a server of this (root) JVM on three sockets of
 * mode 666 in a directory everyone may enter, so that only the peer checks decide:
 * <ul>
 * <li>{@code default} ({@code grpc.uds.allowed-uids=<nobody>}): allowed, and the service sees nobody's uid and gid
 * and the child's pid;</li>
 * <li>{@code admin} (same user only, the server being root): refused with PERMISSION_DENIED, logged with nobody's
 * uid and the child's pid;</li>
 * <li>{@code group} (allowed-gids = nobody's group): allowed;</li>
 * <li>{@code abstract} (an abstract socket, which has no file permissions at all, same user only): refused, so the
 * peer check is what keeps another user out.</li>
 * </ul>
 * Skipped unless running as root with setpriv.
 */
@ExtendWith(OutputCaptureExtension.class)
public abstract class PeerCredentialsAsAnotherUserTests extends AbstractProcessTests {

	protected PeerCredentialsAsAnotherUserTests(BootLine line) {
		super(line);
	}

	private OtherUser nobody;

	@BeforeEach
	void requireRootAndSetpriv() throws IOException {
		this.nobody = OtherUser.nobody();
	}

	@Test
	void nobodyIsAllowedOrRefusedByEachListenersPolicyAndSeenAsItself(CapturedOutput output) throws IOException {
		Files.setPosixFilePermissions(this.dir.path(), PosixFilePermissions.fromString("rwxr-xr-x"));
		Path open = this.dir.socket("peer.sock");
		Path admin = this.dir.socket("admin.sock");
		Path group = this.dir.socket("group.sock");
		// No abstract listener on a transport without abstract names (NIO, when CI forces it).
		boolean withAbstract = TestTransport.current().supportsAbstractNames();
		String abstractName = withAbstract ? "@uds-grpc-peer-test-" + ProcessHandle.current().pid() : "";
		String classPath = SharedClassPath.copy(this.dir.path().resolve("cp"), SharedClassPath::grpcClientJar);

		try (ConfigurableApplicationContext context = this.line.run(
				new Class<?>[] { this.line.whoAmIService(), AdminAndGroupListeners.class }, "grpc.uds.path=" + open,
				"grpc.uds.file-mode=666", "grpc.uds.allowed-uids=" + this.nobody.uid(), "test.admin=" + admin,
				"test.group=" + group, "test.gid=" + this.nobody.gid(), "test.abstract=" + abstractName)) {
			JavaProcess caller = this.processes.start(JavaProcess
				.mainClass("whoami-as-nobody", classPath, WhoAmICaller.class.getName())
				.wrappedIn(this.nobody.wrapper())
				.args(withAbstract ? new String[] { open.toString(), admin.toString(), group.toString(), abstractName }
						: new String[] { open.toString(), admin.toString(), group.toString() }));
			int exit = caller.awaitExit(Duration.ofSeconds(60));
			assertThat(exit).as(caller.describe()).isZero();
			long pid = caller.pid();
			assertThat(caller.output()).as("the caller's own view of itself")
				.contains(WhoAmICaller.READY + " pid=" + pid + " uid=" + this.nobody.uid());

			Map<String, String> results = results(caller);
			System.out.printf("[process-tests] WhoAmI as nobody (uid %d, pid %d): %s%n", this.nobody.uid(), pid, results);
			long seenPid = TestTransport.seenPid(pid);
			String seenAsNobody = "OK uid=" + this.nobody.uid() + " gid=" + this.nobody.gid() + " pid=" + seenPid
					+ " context=true attributes=true";
			assertThat(results.get(open.toString())).as(caller.describe()).isEqualTo(seenAsNobody);
			assertThat(results.get(admin.toString())).as(caller.describe())
				.isEqualTo("PERMISSION_DENIED Unix socket listener 'admin' does not allow uid " + this.nobody.uid());
			assertThat(results.get(group.toString())).as(caller.describe()).isEqualTo(seenAsNobody);
			if (withAbstract) {
				assertThat(results.get(abstractName)).as(caller.describe())
					.isEqualTo("PERMISSION_DENIED Unix socket listener 'abstract' does not allow uid "
							+ this.nobody.uid());
			}
			assertThat(context.getBean(WhoAmI.class).served()).as("calls that reached the service").isEqualTo(2);
			assertThat(output.getOut().lines().filter((line) -> line.contains("Refused gRPC call")))
				.filteredOn((line) -> line.contains("listener 'admin'"))
				.singleElement()
				.satisfies((line) -> assertThat(line).contains("WARN")
					.contains("listener 'admin' (" + admin + "): peer uid=" + this.nobody.uid() + " gid="
							+ this.nobody.gid() + " pid=" + TestTransport.loggedPid(pid) + " is not allowed (allowed: uid 0 (same user))"));
			assertThat(output.getOut().lines().filter((line) -> line.contains("Refused gRPC call")))
				.filteredOn((line) -> withAbstract && line.contains("listener 'abstract' (" + abstractName
						+ "): peer uid=" + this.nobody.uid()))
				.hasSize(withAbstract ? 1 : 0);
		}
	}

	private static Map<String, String> results(JavaProcess caller) {
		return caller.output()
			.lines()
			.filter((line) -> line.startsWith(WhoAmICaller.RESULT) && !line.startsWith(WhoAmICaller.READY))
			.map((line) -> line.substring(WhoAmICaller.RESULT.length()).split(" ", 2))
			.collect(Collectors.toMap((parts) -> parts[0], (parts) -> parts[1], (a, b) -> a + " | " + b));
	}

	/** The two listeners declared in code, each with its own policy. */
	@Configuration(proxyBeanMethods = false)
	static class AdminAndGroupListeners {

		@Bean
		UdsListenerConfigurer adminAndGroupListeners(Environment environment) {
			Function<String, Path> path = (key) -> Path.of(environment.getRequiredProperty(key));
			long gid = Long.parseLong(environment.getRequiredProperty("test.gid"));
			String abstractName = environment.getRequiredProperty("test.abstract");
			return (listeners) -> {
				listeners
					.listenUnixSocket(path.apply("test.admin"),
							(options) -> options.name("admin").allowedUids().sameUserOnly(true))
					.listenUnixSocket(path.apply("test.group"),
							(options) -> options.name("group").allowedUids().allowedGids(gid));
				if (!abstractName.isEmpty()) { // empty on a transport without abstract names
					listeners.listenUnixSocket(abstractName,
							(options) -> options.name("abstract").allowedUids().sameUserOnly(true));
				}
			};
		}

	}

}
