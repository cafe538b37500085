package io.github.udsgrpc.boot.condition;

import io.github.udsgrpc.server.UdsListenerConfigurer;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The socket server is on when {@code grpc.uds.path} has text (also when it was read from the gRPC framework's own
 * property: net.devh's {@code grpc.server.address=unix:}, Spring Boot 4.1's
 * {@code spring.grpc.server.netty.domain-socket-path}) or a listener is declared in code.
 */
class OnUdsServerCondition extends AnyNestedCondition {

	OnUdsServerCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@Conditional(PathHasText.class)
	static class PathProperty {

	}

	@ConditionalOnBean(UdsListenerConfigurer.class)
	static class ListenerConfigurerBean {

	}

	/**
	 * Unlike {@code @ConditionalOnProperty}, an empty value counts as unset, so {@code grpc.uds.path=} in a
	 * profile switches the socket server off.
	 */
	static class PathHasText extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String path = context.getEnvironment().getProperty("grpc.uds.path");
			return StringUtils.hasText(path) ? ConditionOutcome.match("grpc.uds.path is " + path)
					: ConditionOutcome.noMatch("grpc.uds.path is not set");
		}

	}

}
