package io.github.udsgrpc.peer;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeerAccessPolicyTests {

	private static final long OWN_UID = 1000;

	private static final PeerCredentials OWNER = PeerCredentials.of(10, 1000, 1000);

	private static final PeerCredentials ROOT = PeerCredentials.of(11, 0, 0);

	private static final PeerCredentials SIDECAR = PeerCredentials.of(12, 2000, 2000, 998);

	private static final PeerCredentials NOBODY = PeerCredentials.of(13, 65534, 65534);

	@Test
	void openPolicyAllowsEveryoneEvenWithoutCredentials() {
		PeerAccessPolicy open = PeerAccessPolicy.of("grpc.uds.", false, List.of(), null);
		assertThat(open.isOpen()).isTrue();
		assertThat(open).isEqualTo(PeerAccessPolicy.open());
		assertThat(List.of(OWNER, ROOT, SIDECAR, NOBODY)).allMatch((peer) -> open.permits(peer, OWN_UID));
		assertThat(open.permits(null, OWN_UID)).isTrue();
		assertThat(open.describe(OWN_UID)).isEqualTo("anyone who can connect");
	}

	@Test
	void sameUserOnlyAllowsOnlyOurUidAndNotRoot() {
		PeerAccessPolicy sameUser = PeerAccessPolicy.of("grpc.uds.", true, List.of(), List.of());
		assertThat(sameUser.permits(OWNER, OWN_UID)).isTrue();
		assertThat(sameUser.permits(ROOT, OWN_UID)).as("root is not implied").isFalse();
		assertThat(sameUser.permits(SIDECAR, OWN_UID)).isFalse();
		assertThat(sameUser.permits(null, OWN_UID)).as("unknown credentials").isFalse();
		assertThat(sameUser.describe(OWN_UID)).isEqualTo("uid 1000 (same user)");
	}

	@Test
	void rulesAddUp() {
		PeerAccessPolicy policy = PeerAccessPolicy.of("grpc.uds.", true, List.of(0L), List.of(998L));
		assertThat(policy.permits(OWNER, OWN_UID)).as("same user").isTrue();
		assertThat(policy.permits(ROOT, OWN_UID)).as("listed uid").isTrue();
		assertThat(policy.permits(SIDECAR, OWN_UID)).as("supplementary group").isTrue();
		assertThat(policy.permits(NOBODY, OWN_UID)).isFalse();
		assertThat(policy.describe(OWN_UID)).isEqualTo("uid 1000 (same user), uids [0], gids [998]");
	}

	@Test
	void effectiveGroupCounts() {
		PeerAccessPolicy policy = PeerAccessPolicy.of("grpc.uds.", false, List.of(), List.of(65534L));
		assertThat(policy.permits(NOBODY, OWN_UID)).isTrue();
		assertThat(policy.permits(OWNER, OWN_UID)).isFalse();
	}

	@Test
	void invalidIdsNameTheSetting() {
		assertThatThrownBy(() -> PeerAccessPolicy.of("grpc.uds.", false, List.of(-1L), List.of()))
			.isInstanceOf(PeerAccessPolicyException.class)
			.hasMessage("grpc.uds.allowed-uids: user id -1 is not valid: user ids are numbers from 0 to 4294967294")
			.extracting((ex) -> ((PeerAccessPolicyException) ex).getSetting())
			.isEqualTo("grpc.uds.allowed-uids");
		assertThatThrownBy(() -> PeerAccessPolicy.open().withAllowedGids("socket listener 'admin'", List.of(4294967295L)))
			.isInstanceOf(PeerAccessPolicyException.class)
			.hasMessageStartingWith("socket listener 'admin' allowed-gids: group id 4294967295 is not valid");
		assertThatThrownBy(() -> PeerAccessPolicy.of("grpc.uds.", false, java.util.Arrays.asList(1L, null), null))
			.hasMessageContaining("user id null is not valid");
	}

	@Test
	void credentialsFromNettyAreUnsigned() {
		PeerCredentials peer = PeerCredentials.fromNative(42, -2, new int[] { -2, 5 });
		assertThat(peer.uid()).isEqualTo(4294967294L);
		assertThat(peer.gids()).containsExactly(4294967294L, 5L);
		assertThat(peer.pid()).hasValue(42);
		assertThat(PeerCredentials.fromNative(0, 1, new int[] { 1 }).pid()).isEmpty();
		assertThat(peer).hasToString("uid=4294967294 gid=4294967294 groups=4294967294,5 pid=42");
	}

}
