package dev.watcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The mode a watcher runs in, and why: {@link WatchMode#AUTO} polls where the root's file
 * system does not report remote changes to inotify.
 *
 * @param mode {@link WatchMode#NATIVE} or {@link WatchMode#POLLING}
 * @param reason why, for the start-up log line
 * @author watcher team
 */
record ModeChoice(WatchMode mode, String reason) {

	/** File systems whose changes made elsewhere never reach this kernel's inotify. */
	private static final Set<String> REMOTE_TYPES = Set.of("nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "9p",
			"vboxsf", "vmhgfs", "prl_fs", "afs", "ceph", "glusterfs", "lustre", "gpfs", "davfs", "sshfs");

	static ModeChoice of(WatchMode requested, Path root) {
		if (requested != WatchMode.AUTO) {
			return new ModeChoice(requested, "as configured");
		}
		String type = fileSystemType(root);
		if (type.startsWith("fuse") || REMOTE_TYPES.contains(type)) {
			return new ModeChoice(WatchMode.POLLING,
					"its file system (" + type + ") does not report changes made by other machines to inotify");
		}
		return new ModeChoice(WatchMode.NATIVE, "its file system (" + type + ") reports changes to inotify");
	}

	private static String fileSystemType(Path root) {
		try {
			return Files.getFileStore(root).type().toLowerCase(Locale.ROOT);
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
