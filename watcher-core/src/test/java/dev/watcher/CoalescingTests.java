package dev.watcher;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Coalescing}.
 *
 * @author watcher team
 */
class CoalescingTests {

	@ParameterizedTest(name = "{0} then {1} is {2}")
	@CsvSource(nullValues = "NOTHING", value = { "CREATED, CREATED, CREATED", "CREATED, MODIFIED, CREATED",
			"CREATED, DELETED, NOTHING", "MODIFIED, CREATED, MODIFIED", "MODIFIED, MODIFIED, MODIFIED",
			"MODIFIED, DELETED, DELETED", "DELETED, CREATED, MODIFIED", "DELETED, MODIFIED, MODIFIED",
			"DELETED, DELETED, DELETED" })
	void mergeGivesTheNetEffect(ChangeKind pending, ChangeKind event, ChangeKind expected) {
		assertThat(Coalescing.merge(pending, event)).isEqualTo(expected);
	}

}
