package dev.watcher;

import java.nio.file.Path;

/**
 * Thrown when a watcher's root cannot be watched.
 *
 * @author watcher team
 */
public class InvalidRootException extends IllegalArgumentException {

	private final Path root;

	private final Problem problem;

	InvalidRootException(Path root, Problem problem) {
		super("'root' [" + root + "] " + problem.description);
		this.root = root;
		this.problem = problem;
	}

	/**
	 * Return the root that cannot be watched.
	 * @return the root
	 */
	public Path getRoot() {
		return this.root;
	}

	/**
	 * Return what is wrong with the root.
	 * @return the problem
	 */
	public Problem getProblem() {
		return this.problem;
	}

	/**
	 * What can be wrong with a root.
	 */
	public enum Problem {

		/**
		 * Nothing exists at the root's path.
		 */
		MISSING("does not exist"),

		/**
		 * The root is a file or something else that is not a directory.
		 */
		NOT_A_DIRECTORY("is not a directory"),

		/**
		 * The root cannot be listed by this process.
		 */
		NOT_READABLE("is not readable");

		private final String description;

		Problem(String description) {
			this.description = description;
		}

	}

}
