package dev.watcher;

/**
 * How a {@link FileWatcher} learns about changes.
 *
 * @author watcher team
 */
public enum WatchMode {

	/**
	 * Native events where the file system reports them, polling where it does not: on
	 * network and virtual file systems (NFS, SMB/CIFS, FUSE, 9p, vboxsf and the like),
	 * inotify sees the changes made through this machine's kernel only.
	 */
	AUTO,

	/**
	 * The file system's own events, through the JDK's {@link java.nio.file.WatchService}
	 * (inotify on Linux).
	 */
	NATIVE,

	/**
	 * A walk of the tree at every poll interval, compared with the entries the listeners
	 * know: the same batches, later, and at the cost of a walk.
	 */
	POLLING

}
