package dev.watcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the bad input a {@link FileWatcher} rejects.
 *
 * @author watcher team
 */
class FileWatcherConfigurationTests {

	@TempDir
	Path root;

	@Test
	void negativeDebounceIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().debounce(Duration.ofMillis(-1)))
			.withMessage("'debounce' must not be negative [PT-0.001S]");
	}

	@Test
	void negativeMaxWaitIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().maxWait(Duration.ofSeconds(-2)))
			.withMessage("'maxWait' must not be negative [PT-2S]");
	}

	@Test
	void maxBatchSizeBelowOneIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().maxBatchSize(0))
			.withMessage("'maxBatchSize' must be at least 1 [0]");
	}

	@Test
	void maxPendingBelowOneIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().maxPending(-5))
			.withMessage("'maxPending' must be at least 1 [-5]");
	}

	@Test
	void rootRetryAndPollIntervalMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().rootRetry(Duration.ZERO))
			.withMessage("'rootRetry' must be more than zero [PT0S]");
		assertThatIllegalArgumentException().isThrownBy(() -> builder().pollInterval(Duration.ofMillis(-1)))
			.withMessage("'pollInterval' must not be negative [PT-0.001S]");
	}

	@Test
	void negativeSettleIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().settle(Duration.ofSeconds(-1)))
			.withMessage("'settle' must not be negative [PT-1S]");
	}

	@Test
	void globThatDoesNotParseIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().include("[a"))
			.withMessageStartingWith("'include' glob [[a] is not valid");
	}

	@Test
	void watcherWithoutListenerIsRejected() {
		assertThatIllegalStateException().isThrownBy(() -> FileWatcher.builder(this.root).name("lonely").build())
			.withMessage("Watcher 'lonely' needs at least one listener");
	}

	@Test
	void missingRootFailsToStart() {
		Path missing = this.root.resolve("missing");
		FileWatcher watcher = FileWatcher.builder(missing).listener((batch) -> {
		}).build();
		assertThatExceptionOfType(InvalidRootException.class).isThrownBy(watcher::start)
			.withMessage("'root' [" + missing + "] does not exist")
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(InvalidRootException.Problem.MISSING));
		assertThat(watcher.state()).isEqualTo(WatcherState.FAILED);
	}

	@Test
	void fileAsRootFailsToStart() throws IOException {
		Path file = Files.writeString(this.root.resolve("file.txt"), "x");
		FileWatcher watcher = FileWatcher.builder(file).listener((batch) -> {
		}).build();
		assertThatExceptionOfType(InvalidRootException.class).isThrownBy(watcher::start)
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(InvalidRootException.Problem.NOT_A_DIRECTORY));
	}

	@Test
	void watcherCannotBeStartedTwice() {
		try (FileWatcher watcher = builder().name("twice").build()) {
			watcher.start();
			assertThatIllegalStateException().isThrownBy(watcher::start)
				.withMessage("Watcher 'twice' cannot be started twice, or once closed");
		}
	}

	@Test
	void nameDefaultsToTheRootsFileName() {
		assertThat(builder().build().name()).isEqualTo(this.root.getFileName().toString());
	}

	private FileWatcher.Builder builder() {
		return FileWatcher.builder(this.root).listener((batch) -> {
		});
	}

}
