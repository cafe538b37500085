package io.github.udsgrpc.boot.diagnostics;

import io.github.udsgrpc.peer.PeerAccessPolicy;
import io.github.udsgrpc.peer.PeerAccessPolicyException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a peer access policy that cannot be used.
 */
class PeerAccessPolicyFailureAnalyzer extends AbstractFailureAnalyzer<PeerAccessPolicyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PeerAccessPolicyException cause) {
		String action = "Give numeric ids from 0 to " + PeerAccessPolicy.MAX_ID + " in " + cause.getSetting()
				+ ". Look them up with 'id -u NAME' (users) or 'getent group NAME' (groups); names "
				+ "are not accepted, so that the policy cannot change when the user database does.";
		return new FailureAnalysis(cause.getMessage() + ".", action, cause);
	}

}
