package dev.reelsmith.api.storage;

import dev.reelsmith.api.ReelsmithProperties;
import dev.reelsmith.api.problems.Problems;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Refuses new generations while the data dir's disk has less than {@code reelsmith.min-free-disk}
 * usable, before anything of the request is stored: a generation that starts on a nearly full disk
 * fails at its renders after minutes of work, and can fill the disk for everything else.
 *
 * <p>The answer is 507 Insufficient Storage, not 503 with Retry-After: the server cannot store what
 * the request needs, which is what 507 says, and the condition ends when an operator (or the
 * retention job) frees space, not after a delay the server could name; a Retry-After would invite
 * clients to retry on a schedule that means nothing.
 */
@Component
public class DiskSpaceGuard {

  private static final System.Logger LOG = System.getLogger(DiskSpaceGuard.class.getName());

  private final FreeSpace freeSpace;
  private final Path dataDir;
  private final DataSize minimum;

  public DiskSpaceGuard(FreeSpace freeSpace, ReelsmithProperties properties) {
    this.freeSpace = freeSpace;
    this.dataDir = properties.dataDir();
    this.minimum = properties.minFreeDisk();
  }

  /** Completes when there is room for a new generation; fails with a 507 problem otherwise. */
  public Mono<Void> roomForANewGeneration() {
    return Mono.fromRunnable(this::check).subscribeOn(Schedulers.boundedElastic()).then();
  }

  private void check() {
    long usable;
    try {
      usable = freeSpace.usableBytes(dataDir);
    } catch (IOException e) {
      LOG.log(
          Level.WARNING,
          "Cannot tell the free space of {0}, so new generations are accepted: {1}",
          dataDir,
          e.toString());
      return;
    }
    if (usable < minimum.toBytes()) {
      LOG.log(
          Level.WARNING,
          "Refused a new generation: {0} MB usable on the disk of {1}, {2} MB required"
              + " (reelsmith.min-free-disk)",
          usable / (1024 * 1024),
          dataDir.toAbsolutePath(),
          minimum.toMegabytes());
      throw Problems.of(
          HttpStatus.INSUFFICIENT_STORAGE,
          "Not enough disk space",
          "Reelsmith is low on disk space and cannot take new generations now; nothing of this"
              + " request was stored. Try again after older generations have been deleted or"
              + " space has been freed.");
    }
  }
}
