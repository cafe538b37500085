package io.github.udsgrpc.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.test.whoami.Caller;
import io.github.udsgrpc.test.whoami.WhoAmIGrpc;
import io.github.udsgrpc.test.whoami.WhoAmIRequest;
import io.grpc.StatusRuntimeException;
import io.netty.channel.unix.DomainSocketAddress;

/**
 * A client program for another user's JVM (grpc-java, Netty and the generated classes only, no Spring): calls
 * WhoAmI once on each socket given as argument ({@code @name} for an abstract one), over a hand-wired channel, and
 * prints one line per socket:
 * {@code WHOAMI <path> OK uid=.. gid=.. pid=.. context=true} or {@code WHOAMI <path> <status code> <description>}.
 * It first prints {@value #READY} with its own pid and uid.
 */
public final class WhoAmICaller {

	public static final String READY = "WHOAMI CALLER";

	public static final String RESULT = "WHOAMI ";

	private WhoAmICaller() {
	}

	public static void main(String[] args) throws Exception {
		System.out.println(READY + " pid=" + ProcessHandle.current().pid() + " uid="
				+ Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
		for (String socket : args) {
			String outcome;
			try (HandWiredChannel channel = socket.startsWith("@")
					? new HandWiredChannel(new DomainSocketAddress("\0" + socket.substring(1)))
					: new HandWiredChannel(Path.of(socket))) {
				Caller caller = WhoAmIGrpc.newBlockingStub(channel.channel())
					.withDeadlineAfter(20, TimeUnit.SECONDS)
					.whoAmI(WhoAmIRequest.getDefaultInstance());
				outcome = "OK uid=" + caller.getUid() + " gid=" + caller.getGid() + " pid=" + caller.getPid()
						+ " context=" + caller.getHasCredentials() + " attributes=" + caller.getAttributesMatchContext();
			}
			catch (StatusRuntimeException ex) {
				outcome = ex.getStatus().getCode() + " " + ex.getStatus().getDescription();
			}
			System.out.println(RESULT + socket + " " + outcome);
		}
	}

}
