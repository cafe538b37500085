package io.github.udsgrpc.autoconfigure.load;

import io.github.udsgrpc.autoconfigure.testsupport.NetDevhLine;
import io.github.udsgrpc.boot.soak.ResourcesStayFlatUnderSoakTests;
import org.junit.jupiter.api.Nested;

/**
 * The soak both Spring Boot lines share ({@code io.github.udsgrpc.boot.soak}), run against the Boot 3.5 line's echo
 * application on net.devh's gRPC, in a process of its own. Its size comes from {@code -Dudsgrpc.soak.cycles} and
 * {@code -Dudsgrpc.soak.calls}.
 */
class SoakTests {

	@Nested
	class ResourcesStayFlat extends ResourcesStayFlatUnderSoakTests {

		ResourcesStayFlat() {
			super(NetDevhLine.INSTANCE);
		}

	}

}
