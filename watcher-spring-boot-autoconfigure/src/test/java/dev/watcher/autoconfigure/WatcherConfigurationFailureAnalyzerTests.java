package dev.watcher.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import dev.watcher.InvalidRootException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tests for {@link WatcherConfigurationFailureAnalyzer}, fed with the start-up failures
 * of real contexts.
 *
 * @author watcher team
 */
class WatcherConfigurationFailureAnalyzerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WatcherAutoConfiguration.class));

	@Test
	void analyzerIsRegistered() {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, (factoryType, factoryName, failure) -> {
			});
		assertThat(analyzers).hasAtLeastOneElementOfType(WatcherConfigurationFailureAnalyzer.class);
	}

	@Test
	void missingRootNamesPathAndCreateMissing(@TempDir Path temp) {
		Path root = temp.resolve("missing");
		this.contextRunner.withPropertyValues("watcher.watches.inbox.path=" + root).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).isEqualTo("Invalid value '" + root
					+ "' for property 'watcher.watches.inbox.path': directory '" + root + "' does not exist");
			assertThat(analysis.getAction()).isEqualTo("Create '" + root
					+ "', or set 'watcher.watches.inbox.create-missing=true' to create it at start-up.");
		});
	}

	@Test
	void rootThatIsFileIsNotDirectory(@TempDir Path temp) throws IOException {
		Path root = Files.writeString(temp.resolve("file.txt"), "file");
		this.contextRunner.withPropertyValues("watcher.watches.inbox.path=" + root).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).isEqualTo("Invalid value '" + root
					+ "' for property 'watcher.watches.inbox.path': '" + root + "' is not a directory");
			assertThat(analysis.getAction()).isEqualTo("Set 'watcher.watches.inbox.path' to a directory.");
		});
	}

	@Test
	@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX permissions")
	void unreadableRootIsNotReadable(@TempDir Path temp) throws IOException {
		Path root = Files.createDirectory(temp.resolve("locked"));
		Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("---------"));
		try {
			assumeThat(Files.isReadable(root)).as("root can read any directory").isFalse();
			this.contextRunner.withPropertyValues("watcher.watches.inbox.path=" + root).run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("'watcher.watches.inbox.path'",
						root + "' is not readable");
				assertThat(analysis.getAction()).contains("Make '" + root + "' readable");
			});
		}
		finally {
			Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
		}
	}

	@Test
	void notReadableProblemNamesPathAndWhatToDo() {
		WatcherProperties.Watch watch = new WatcherProperties.Watch();
		watch.setPath(Path.of("locked"));
		WatchDefinition definition = new WatchDefinition("inbox", watch, (batch) -> {
		}, (batch, latency, dispatch) -> {
		});
		Path root = Path.of("/srv/locked");
		FailureAnalysis analysis = new WatcherConfigurationFailureAnalyzer().analyze(definition
			.invalidRoot(InvalidRootException.Problem.NOT_READABLE, root, new IllegalArgumentException("locked")));
		assertThat(analysis.getDescription()).isEqualTo("Invalid value 'locked' for property "
				+ "'watcher.watches.inbox.path': directory '" + root + "' is not readable");
		assertThat(analysis.getAction()).isEqualTo("Make '" + root + "' readable and searchable by the user the "
				+ "application runs as, or set 'watcher.watches.inbox.path' to another directory.");
	}

	@Test
	void pathNotSet() {
		this.contextRunner.withPropertyValues("watcher.watches.inbox.recursive=false").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription())
				.isEqualTo("Property 'watcher.watches.inbox.path' is not set: watcher 'inbox' has no directory");
			assertThat(analysis.getAction())
				.isEqualTo("Set 'watcher.watches.inbox.path' to the directory that watcher 'inbox' should watch.");
		});
	}

	@Test
	void nameThatIsNotCanonicalIsBracketed() {
		this.contextRunner.withPropertyValues("watcher.watches[my.inbox].recursive=false").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).startsWith("Property 'watcher.watches[my.inbox].path' is not set");
		});
	}

	@Test
	void rootThatCannotBeCreated(@TempDir Path temp) throws IOException {
		Path file = Files.writeString(temp.resolve("file.txt"), "file");
		Path root = file.resolve("inbox");
		this.contextRunner
			.withPropertyValues("watcher.watches.inbox.path=" + root, "watcher.watches.inbox.create-missing=true")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).startsWith("Invalid value '" + root
						+ "' for property 'watcher.watches.inbox.path': directory '" + root + "' could not be created");
				assertThat(analysis.getAction()).startsWith("Create '" + root + "' by hand");
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			debounce       | -1s      | -1s       | must not be negative   | Set '%s' to zero
			max-wait       | -5ms     | -5ms      | must not be negative   | Set '%s' to zero
			max-batch-size | 0        | 0         | must be at least 1     | Set '%s' to 1 or more.
			max-pending    | -3       | -3        | must be at least 1     | Set '%s' to 1 or more.
			include        | *.txt,[a | *.txt,[a  | glob [[a] is not valid | Correct the glob in '%s'
			exclude        | {a       | {a        | glob [{a] is not valid | Correct the glob in '%s'
			""")
	void invalidValueNamesPropertyValueAndProblem(String key, String value, String shown, String reason, String action,
			@TempDir Path root) {
		String property = "watcher.watches.inbox." + key;
		this.contextRunner.withPropertyValues("watcher.watches.inbox.path=" + root, property + "=" + value)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.startsWith("Invalid value '" + shown + "' for property '" + property + "': " + reason);
				assertThat(analysis.getAction()).startsWith(action.formatted(property));
			});
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new WatcherConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).isNotNull();
		return analysis;
	}

}
