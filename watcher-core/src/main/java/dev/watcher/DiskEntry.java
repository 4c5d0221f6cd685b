package dev.watcher;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * What the file system says about one entry, reduced to what the known entries keep: its
 * kind and a stamp that changes when its content or identity does.
 *
 * @param kind the kind, one of the {@link KnownDirectory} kinds
 * @param stamp a digest of the size, the modification time and the file key (device and
 * inode) for a file; of the file key only for a directory, whose modification time moves
 * with every entry added to it
 * @param modifiedMillis the modification time, in milliseconds since the epoch
 * @author watcher team
 */
record DiskEntry(byte kind, long stamp, long modifiedMillis) {

	boolean isDirectory() {
		return this.kind == KnownDirectory.DIRECTORY;
	}

	boolean isFile() {
		return this.kind == KnownDirectory.FILE;
	}

	static DiskEntry of(BasicFileAttributes attributes) {
		Object fileKey = attributes.fileKey();
		long identity = mix(0, (fileKey != null) ? fileKey.hashCode() : 0);
		FileTime modified = attributes.lastModifiedTime();
		if (attributes.isDirectory()) {
			return new DiskEntry(KnownDirectory.DIRECTORY, mix(identity, 0), modified.toMillis());
		}
		byte kind = attributes.isSymbolicLink() ? KnownDirectory.LINK
				: attributes.isRegularFile() ? KnownDirectory.FILE : KnownDirectory.OTHER;
		long stamp = mix(mix(identity, attributes.size()), modified.to(TimeUnit.NANOSECONDS));
		return new DiskEntry(kind, stamp, modified.toMillis());
	}

	/**
	 * Read an entry without following a link.
	 * @param path the entry
	 * @return the entry, or {@code null} if there is none
	 * @throws IOException if the file system cannot tell, for example in a directory that
	 * cannot be read
	 */
	static @Nullable DiskEntry read(Path path) throws IOException {
		try {
			return of(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
		}
		catch (NoSuchFileException | NotDirectoryException ex) {
			return null;
		}
	}

	/**
	 * Fold a value into a digest. Each step multiplies by an odd constant and rotates, so
	 * values that differ in the same bits at different steps (a new inode and a new size,
	 * say) do not cancel out, as a plain exclusive or would let them.
	 */
	private static long mix(long hash, long value) {
		long mixed = (Long.rotateLeft(hash, 27) ^ value) * 0x9E3779B97F4A7C15L;
		return mixed ^ (mixed >>> 31);
	}

}
