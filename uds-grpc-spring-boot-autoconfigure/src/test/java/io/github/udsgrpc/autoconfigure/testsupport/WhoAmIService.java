package io.github.udsgrpc.autoconfigure.testsupport;

import io.github.udsgrpc.boot.testsupport.WhoAmI;
import io.github.udsgrpc.test.whoami.Caller;
import net.devh.boot.grpc.server.service.GrpcService;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ClassUtils;

/**
 * The shared {@link WhoAmI} service as net.devh declares it, with the call's attributes in its context, and the
 * Spring Security authentication in its answer if there is one.
 */
@GrpcService(interceptors = WhoAmI.CallAttributes.class)
public class WhoAmIService extends WhoAmI {

	private static final boolean SECURITY_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.core.context.SecurityContextHolder", WhoAmIService.class.getClassLoader());

	@Override
	protected void describeAuthentication(Caller.Builder caller) {
		if (SECURITY_PRESENT) {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			if (authentication != null) {
				caller.setPrincipal(authentication.getName());
				authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).forEach(caller::addAuthorities);
			}
		}
	}

}
