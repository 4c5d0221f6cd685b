package dev.watcher.bench;

import java.io.File;
import java.nio.file.Path;

import org.apache.commons.io.monitor.FileAlterationListenerAdaptor;
import org.apache.commons.io.monitor.FileAlterationMonitor;
import org.apache.commons.io.monitor.FileAlterationObserver;
import org.jspecify.annotations.Nullable;

/**
 * Commons IO's polling {@link FileAlterationMonitor}, checking every second (its default
 * is ten).
 *
 * @author watcher team
 */
final class CommonsIoSubject implements Subject {

	private static final long INTERVAL_MILLIS = 1000;

	private @Nullable FileAlterationMonitor monitor;

	@Override
	public void start(Path root, Sink sink) throws Exception {
		FileAlterationObserver observer = FileAlterationObserver.builder().setFile(root.toFile()).get();
		observer.addListener(new FileAlterationListenerAdaptor() {

			@Override
			public void onFileCreate(File file) {
				sink.delivered(file.toPath());
			}

			@Override
			public void onFileChange(File file) {
				sink.delivered(file.toPath());
			}

			@Override
			public void onFileDelete(File file) {
				sink.delivered(file.toPath());
			}

			@Override
			public void onDirectoryCreate(File directory) {
				sink.delivered(directory.toPath());
			}

			@Override
			public void onDirectoryDelete(File directory) {
				sink.delivered(directory.toPath());
			}

		});
		FileAlterationMonitor monitor = new FileAlterationMonitor(INTERVAL_MILLIS, observer);
		this.monitor = monitor;
		monitor.start();
	}

	@Override
	public void close() throws Exception {
		if (this.monitor != null) {
			this.monitor.stop(0);
		}
	}

}
