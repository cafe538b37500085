package io.github.udsgrpc.boot4.load;

import io.github.udsgrpc.boot.soak.ResourcesStayFlatUnderSoakTests;
import io.github.udsgrpc.boot4.testsupport.SpringGrpcLine;
import org.junit.jupiter.api.Nested;

/**
 * The soak both Spring Boot lines share ({@code io.github.udsgrpc.boot.soak}), run against the Boot 4.1 line's echo
 * application on Spring Boot's own gRPC (Spring gRPC), in a process of its own. Its size comes from
 * {@code -Dudsgrpc.soak.cycles} and {@code -Dudsgrpc.soak.calls}.
 */
class SoakTests {

	@Nested
	class ResourcesStayFlat extends ResourcesStayFlatUnderSoakTests {

		ResourcesStayFlat() {
			super(SpringGrpcLine.INSTANCE);
		}

	}

}
