package dev.watcher;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DiskEntry}.
 *
 * @author watcher team
 */
class DiskEntryTests {

	private static final FileTime TIME = FileTime.fromMillis(1_577_836_800_000L);

	@Test
	void fileReplacedWithTheSameModificationTimeHasAnotherStamp() {
		// A new inode and a new size whose exclusive or matches the old ones: a rename
		// over
		// the file of a copy that kept its modification time (cp -p, rsync, tar).
		DiskEntry before = DiskEntry.of(new Attributes(0x10, 0x1, TIME, false));
		DiskEntry after = DiskEntry.of(new Attributes(0x11, 0x0, TIME, false));
		assertThat(after.stamp()).isNotEqualTo(before.stamp());
	}

	@Test
	void stampsOfNeighbouringInodesAndSizesAllDiffer() {
		Set<Long> stamps = new HashSet<>();
		for (int inode = 0; inode < 64; inode++) {
			for (int size = 0; size < 64; size++) {
				stamps.add(DiskEntry.of(new Attributes(inode, size, TIME, false)).stamp());
			}
		}
		assertThat(stamps).hasSize(64 * 64);
	}

	@Test
	void directoryStampIgnoresItsModificationTime() {
		DiskEntry before = DiskEntry.of(new Attributes(7, 4096, TIME, true));
		DiskEntry after = DiskEntry.of(new Attributes(7, 8192, FileTime.fromMillis(0), true));
		assertThat(after.stamp()).isEqualTo(before.stamp());
		assertThat(after.isDirectory()).isTrue();
	}

	private record Attributes(int key, long size, FileTime lastModifiedTime,
			boolean isDirectory) implements BasicFileAttributes {

		@Override
		public FileTime lastAccessTime() {
			return this.lastModifiedTime;
		}

		@Override
		public FileTime creationTime() {
			return this.lastModifiedTime;
		}

		@Override
		public boolean isRegularFile() {
			return !this.isDirectory;
		}

		@Override
		public boolean isSymbolicLink() {
			return false;
		}

		@Override
		public boolean isOther() {
			return false;
		}

		@Override
		public Object fileKey() {
			return this.key;
		}

	}

}
