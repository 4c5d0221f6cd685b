package dev.watcher.bench;

import java.io.File;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.file.inbound.FileReadingMessageSource;
import org.springframework.messaging.Message;

/**
 * Spring Integration's {@link FileReadingMessageSource} on a {@code WatchService}, with
 * its defaults otherwise (only creations, each file accepted once), polled every 100 ms
 * and drained on each poll, as a poller with unlimited messages per poll would.
 *
 * @author watcher team
 */
final class SpringIntegrationSubject implements Subject {

	private static final long POLL_MILLIS = 100;

	private @Nullable FileReadingMessageSource source;

	private @Nullable Thread poller;

	private volatile boolean running = true;

	@Override
	public void start(Path root, Sink sink) {
		FileReadingMessageSource source = new FileReadingMessageSource();
		source.setDirectory(root.toFile());
		source.setUseWatchService(true);
		source.afterPropertiesSet();
		source.start();
		this.source = source;
		Thread poller = new Thread(() -> poll(source, sink), "si-poller");
		this.poller = poller;
		poller.start();
	}

	private void poll(FileReadingMessageSource source, Sink sink) {
		while (this.running) {
			Message<File> message = source.receive();
			if (message != null) {
				sink.delivered(message.getPayload().toPath());
				continue;
			}
			try {
				Thread.sleep(POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	@Override
	public void close() throws Exception {
		this.running = false;
		if (this.poller != null) {
			this.poller.interrupt();
			this.poller.join(10_000);
		}
		if (this.source != null) {
			this.source.stop();
		}
	}

}
