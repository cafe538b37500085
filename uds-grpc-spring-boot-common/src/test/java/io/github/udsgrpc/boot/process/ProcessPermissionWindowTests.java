package io.github.udsgrpc.boot.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.udsgrpc.testsupport.JavaProcess;
import io.github.udsgrpc.testsupport.OtherUser;
import io.github.udsgrpc.testsupport.SocketProber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No client may connect while the socket has the mode the umask gave it. A root server under {@code umask 000}
 * (so a socket fresh from bind(2) is srwxrwxrwx) starts and stops the line's echo application again and again on a path in a directory
 * everyone may enter, with the default file mode rw-rw---- and group root; meanwhile a prober running as
 * {@code nobody} connects to the path as fast as it can. It must never get in, and must have been turned away by
 * the socket's permissions (proof that it hit the socket while it existed).
 */
public abstract class ProcessPermissionWindowTests extends AbstractProcessTests {

	protected ProcessPermissionWindowTests(BootLine line) {
		super(line);
	}

	private static final int CYCLES = 30;

	private static final Pattern COUNT = Pattern.compile("(\\w+)=(\\d+)");

	private OtherUser nobody;

	@BeforeEach
	void requireRootAndSetpriv() throws IOException {
		this.nobody = OtherUser.nobody();
	}

	@Test
	void noClientConnectsBeforeTheSocketHasItsMode() throws Exception {
		Path socket = prepareSharedDirectory().resolve("perm.sock");
		Path proberClasses = copyProberClass();

		Map<String, Long> counts = probeWhileCycling(socket, proberClasses, "window", CYCLES);

		System.out.printf("[process-tests] prober as nobody against %d cycles, mode rw-rw---- root:root: %s%n", CYCLES,
				counts);
		assertThat(counts.get("connected") + counts.get("pending") + counts.get("again"))
			.as("connections by 'nobody' to a socket it may not use: %s", counts)
			.isZero();
		assertThat(counts.get("denied")).as("attempts turned away by the socket's mode, %s", counts).isPositive();
	}

	@Test
	void proberConnectsWhenTheModeLetsEveryoneIn() throws Exception {
		Path socket = prepareSharedDirectory().resolve("open.sock");
		Path proberClasses = copyProberClass();

		Map<String, Long> counts = probeWhileCycling(socket, proberClasses, "sanity", 3, "--grpc.uds.file-mode=666");

		System.out.printf("[process-tests] prober as nobody against 3 cycles, mode rw-rw-rw-: %s%n", counts);
		assertThat(counts.get("connected") + counts.get("pending")).as("connections by 'nobody', %s", counts)
			.isPositive();
		assertThat(counts.get("denied")).as("attempts turned away, %s", counts).isZero();
	}

	/**
	 * The Kubernetes recipe (docs/deploy/kubernetes): the socket lives in an emptyDir of a Pod with an fsGroup, which
	 * the kubelet makes set-group-ID and owned by that group, and the sidecar runs as another user with the fsGroup
	 * as a supplementary group. With the default mode rw-rw---- the sidecar must get in, and a user outside the group
	 * must be turned away.
	 */
	@Test
	void aSidecarInTheFsGroupConnectsAndOthersDoNot() throws Exception {
		int fsGroup = 4242;
		Path volume = prepareSharedDirectory().resolve("volume");
		Files.createDirectory(volume);
		Files.setAttribute(volume, "unix:gid", fsGroup);
		Files.setAttribute(volume, "unix:mode", 02777);
		assertThat((Integer) Files.getAttribute(volume, "unix:mode") & 07777).as("emptyDir-like mode").isEqualTo(02777);
		Path socket = volume.resolve("grpc.sock");
		Path proberClasses = copyProberClass();

		try (ConfigurableApplicationContext context = this.line.run(new Class<?>[0], "grpc.uds.path=" + socket)) {
			assertThat(Files.getAttribute(socket, "unix:gid")).as("socket's group").isEqualTo(fsGroup);
			assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));

			Map<String, Long> sidecar = probeFor(socket, proberClasses, "sidecar", "--groups=" + fsGroup);
			Map<String, Long> stranger = probeFor(socket, proberClasses, "stranger", "--clear-groups");

			System.out.printf("[process-tests] uid 1001 in fsGroup %d: %s; uid 1001 outside it: %s%n", fsGroup, sidecar,
					stranger);
			assertThat(sidecar.get("connected") + sidecar.get("pending")).as("sidecar's connections, %s", sidecar)
				.isPositive();
			assertThat(sidecar.get("denied")).as("sidecar turned away, %s", sidecar).isZero();
			assertThat(stranger.get("connected") + stranger.get("pending") + stranger.get("again"))
				.as("stranger's connections, %s", stranger)
				.isZero();
			assertThat(stranger.get("denied")).as("stranger turned away, %s", stranger).isPositive();
		}
	}

	/** Runs the prober as uid 1001 (with the given setpriv group option) for a second, and returns its counts. */
	private Map<String, Long> probeFor(Path socket, Path proberClasses, String name, String groups) {
		JavaProcess prober = this.processes.start(JavaProcess
			.mainClass("prober-" + name, proberClasses, SocketProber.class.getName())
			.wrappedIn(this.nobody.setpriv(), "--reuid=1001", "--regid=1001", groups)
			.args(socket.toString(), "1000", this.dir.path().resolve("never-" + name).toString()));
		assertThat(prober.awaitExit(Duration.ofSeconds(60))).as(prober.describe()).isZero();
		return counts(prober);
	}

	/**
	 * Starts the prober, waits until it probes, runs the cycling server under umask 000, then stops the prober.
	 */
	private Map<String, Long> probeWhileCycling(Path socket, Path proberClasses, String name, int cycles,
			String... serverArgs) throws IOException {
		Path stop = this.dir.path().resolve("stop-" + name);
		JavaProcess prober = this.processes.start(JavaProcess
			.mainClass("prober-" + name, proberClasses, SocketProber.class.getName())
			.wrappedIn(this.nobody.wrapper())
			.args(socket.toString(), "120000", stop.toString()));
		prober.awaitOutput(SocketProber.READY, START_TIMEOUT);
		assertThat(prober.output()).as("the prober's user").contains(SocketProber.READY + "nobody");

		JavaProcess server = this.processes.start(serverBuilder("cycling-" + name, socket, serverArgs)
			.args("--cycles=" + cycles)
			.umask("000"));
		int serverExit = server.awaitExit(Duration.ofSeconds(120));
		Files.createFile(stop);
		int proberExit = prober.awaitExit(Duration.ofSeconds(20));

		assertThat(serverExit).as(server.describe()).isZero();
		assertThat(server.output()).as(server.describe()).contains(EchoServerMains.CYCLES_DONE);
		assertThat(occurrences(server.output(), listeningLine(socket))).as("cycles that published the socket")
			.isEqualTo(cycles);
		assertThat(socket).as("socket after the last cycle").doesNotExist();
		assertThat(proberExit).as(prober.describe()).isZero();
		return counts(prober);
	}

	private Path prepareSharedDirectory() throws IOException {
		// ShortTempDir makes it 0700; the prober must be able to reach the socket.
		Files.setPosixFilePermissions(this.dir.path(), PosixFilePermissions.fromString("rwxr-xr-x"));
		return this.dir.path();
	}

	/**
	 * Copies the prober's class file to a directory 'nobody' may read (the build's output, under root's home or a
	 * private work tree, may not be).
	 */
	private Path copyProberClass() throws IOException {
		Path classes = this.dir.path().resolve("prober");
		String resource = SocketProber.class.getName().replace('.', '/') + ".class";
		Path target = classes.resolve(resource);
		Files.createDirectories(target.getParent());
		try (var in = SocketProber.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
		}
		for (Path directory = target.getParent(); !directory.equals(this.dir.path()); directory = directory.getParent()) {
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
		return classes;
	}

	private static Map<String, Long> counts(JavaProcess prober) {
		String result = prober.output()
			.lines()
			.filter((line) -> line.startsWith(SocketProber.RESULT))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No result from the prober: " + prober.describe()));
		Map<String, Long> counts = new LinkedHashMap<>();
		Matcher matcher = COUNT.matcher(result);
		while (matcher.find()) {
			counts.put(matcher.group(1), Long.parseLong(matcher.group(2)));
		}
		assertThat(counts).as(result).containsKeys("connected", "pending", "again", "denied", "missing", "refused",
				"other", "attempts");
		return counts;
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
			count++;
		}
		return count;
	}

}
