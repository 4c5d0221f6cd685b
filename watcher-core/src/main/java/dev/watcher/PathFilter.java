package dev.watcher;

import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * Decides from include and exclude globs, matched against the path relative to the root,
 * which paths are reported.
 * <p>
 * A path is reported when it matches an include (or there are none) and no exclude. A
 * directory that matches an exclude is pruned: it is not watched, and nothing below it is
 * reported. A pattern that starts with {@code **}/ also matches at the top level, so
 * {@code **}/{@code *.txt} matches {@code a.txt} as well as {@code d/a.txt}.
 *
 * @author watcher team
 */
final class PathFilter {

	private static final String ANY_DEPTH = "**/";

	private final List<PathMatcher> includes;

	private final List<PathMatcher> excludes;

	private PathFilter(List<PathMatcher> includes, List<PathMatcher> excludes) {
		this.includes = includes;
		this.excludes = excludes;
	}

	/**
	 * Compile the given globs.
	 * @param fileSystem the file system whose glob syntax applies
	 * @param includes the include globs, none to include everything
	 * @param excludes the exclude globs
	 * @return the filter
	 * @throws IllegalArgumentException if a glob does not parse
	 */
	static PathFilter of(FileSystem fileSystem, List<String> includes, List<String> excludes) {
		return new PathFilter(compile(fileSystem, includes, "include"), compile(fileSystem, excludes, "exclude"));
	}

	private static List<PathMatcher> compile(FileSystem fileSystem, List<String> globs, String role) {
		List<PathMatcher> matchers = new ArrayList<>();
		for (String glob : globs) {
			try {
				matchers.add(fileSystem.getPathMatcher("glob:" + glob));
				if (glob.startsWith(ANY_DEPTH) && glob.length() > ANY_DEPTH.length()) {
					matchers.add(fileSystem.getPathMatcher("glob:" + glob.substring(ANY_DEPTH.length())));
				}
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalArgumentException(
						"'" + role + "' glob [" + glob + "] is not valid: " + ex.getDescription(), ex);
			}
		}
		return List.copyOf(matchers);
	}

	boolean isEmpty() {
		return this.includes.isEmpty() && this.excludes.isEmpty();
	}

	/**
	 * Return whether a change to {@code name} in {@code parent} is reported.
	 * @param parent the directory holding the path
	 * @param name the path's file name
	 * @return whether to report it
	 */
	boolean accepts(DirectoryNode parent, Path name) {
		if (isEmpty()) {
			return true;
		}
		return accepts(parent.resolveRelative(name));
	}

	/**
	 * Return whether a change to a path is reported.
	 * @param relativePath the path relative to the root
	 * @return whether to report it
	 */
	boolean accepts(Path relativePath) {
		if (isEmpty()) {
			return true;
		}
		return (this.includes.isEmpty() || matchesAny(this.includes, relativePath))
				&& !matchesAny(this.excludes, relativePath);
	}

	/**
	 * Return whether a directory is excluded with everything below it.
	 * @param relativePath the directory's path relative to the root
	 * @return whether to leave it unwatched
	 */
	boolean prunes(Path relativePath) {
		return matchesAny(this.excludes, relativePath);
	}

	private static boolean matchesAny(List<PathMatcher> matchers, Path path) {
		for (PathMatcher matcher : matchers) {
			if (matcher.matches(path)) {
				return true;
			}
		}
		return false;
	}

}
