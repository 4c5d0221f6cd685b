package dev.watcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KnownDirectory}, against a {@link HashMap} as the model.
 *
 * @author watcher team
 */
class KnownDirectoryTests {

	@Test
	void insertedEntriesAreFoundWithWhatWasKept() {
		KnownDirectory directory = new KnownDirectory();
		int slot = directory.insert(Path.of("a.txt"), KnownDirectory.FILE, true, 42, 7);
		assertThat(directory.find(Path.of("a.txt"))).isEqualTo(slot);
		assertThat(directory.kind(slot)).isEqualTo(KnownDirectory.FILE);
		assertThat(directory.isReported(slot)).isTrue();
		assertThat(directory.stamp(slot)).isEqualTo(42);
		assertThat(directory.seenAt(slot)).isEqualTo(7);
		assertThat(directory.find(Path.of("b.txt"))).isEqualTo(-1);
	}

	@Test
	void subdirectoriesFollowTheirEntriesWhenTheTableGrows() {
		KnownDirectory directory = new KnownDirectory();
		KnownDirectory sub = new KnownDirectory();
		directory.subdirectory(directory.insert(Path.of("sub"), KnownDirectory.DIRECTORY, false, 1, 0), sub);
		for (int i = 0; i < 100; i++) {
			directory.insert(Path.of("f" + i), KnownDirectory.FILE, true, i, 0);
		}
		int slot = directory.find(Path.of("sub"));
		assertThat(directory.subdirectory(slot)).isSameAs(sub);
		assertThat(directory.isReported(slot)).isFalse();
		assertThat(directory.size()).isEqualTo(101);
	}

	@Test
	void seededRandomInsertsAndRemovesMatchAMap() {
		for (long seed = 1; seed <= 50; seed++) {
			Random random = new Random(seed);
			KnownDirectory directory = new KnownDirectory();
			Map<Path, Long> model = new HashMap<>();
			for (int step = 0; step < 2000; step++) {
				Path name = Path.of("n" + random.nextInt(300));
				int slot = directory.find(name);
				assertThat(slot >= 0).as("seed %d step %d: %s known", seed, step, name)
					.isEqualTo(model.containsKey(name));
				if (slot >= 0 && random.nextBoolean()) {
					assertThat(directory.stamp(slot)).as("seed %d", seed).isEqualTo(model.remove(name));
					directory.remove(slot);
				}
				else if (slot < 0) {
					long stamp = random.nextLong();
					directory.insert(name, KnownDirectory.FILE, true, stamp, 0);
					model.put(name, stamp);
				}
			}
			assertThat(directory.size()).as("seed %d", seed).isEqualTo(model.size());
			List<Path> names = new ArrayList<>();
			for (int slot = 0; slot < directory.slots(); slot++) {
				if (directory.name(slot) != null) {
					names.add(directory.name(slot));
				}
			}
			assertThat(names).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(model.keySet());
		}
	}

	@Test
	void marksOfAWalkSurviveTheTableGrowing() {
		KnownDirectory directory = new KnownDirectory();
		directory.markSeen(directory.insert(Path.of("seen"), KnownDirectory.FILE, true, 1, 0));
		for (int i = 0; i < 100; i++) {
			directory.insert(Path.of("f" + i), KnownDirectory.FILE, true, i, 0);
		}
		assertThat(directory.clearSeen(directory.find(Path.of("seen")))).isTrue();
		assertThat(directory.clearSeen(directory.find(Path.of("seen")))).isFalse();
		assertThat(directory.clearSeen(directory.find(Path.of("f1")))).isFalse();
	}

	@Test
	void clearForgetsEveryEntry() {
		KnownDirectory directory = new KnownDirectory();
		for (int i = 0; i < 10; i++) {
			directory.insert(Path.of("f" + i), KnownDirectory.FILE, true, i, 0);
		}
		directory.clear();
		assertThat(directory.size()).isZero();
		assertThat(directory.find(Path.of("f1"))).isEqualTo(-1);
	}

}
