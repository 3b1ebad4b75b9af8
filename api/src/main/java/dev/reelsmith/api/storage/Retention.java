package dev.reelsmith.api.storage;

import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.activities.storage.MediaStore;
import dev.reelsmith.api.generations.GenerationManifests;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Deletes the generations created more than {@code days} days ago whose workflow is not running:
 * their whole folder in the data dir, media and manifest. A generation that is still running, or
 * waiting for a retry, is kept until its workflow ends.
 *
 * <p>A folder is first moved, in one atomic rename, into {@code <data dir>/.deleting/}, so the
 * history and the media links lose a generation all at once, never half of it; then it is deleted
 * there. A run that is interrupted leaves the rest in {@code .deleting}, and the next run finishes
 * it, so running twice deletes nothing twice. Nothing outside the data dir is touched: only folders
 * directly in it named by a generation id are considered, and symbolic links are deleted, never
 * followed.
 *
 * <p>Only for a data dir on a local disk; a shared object store would need deletes of its own.
 */
public final class Retention {

  /** Where folders wait to be deleted; a dot-folder, never listed nor served. */
  static final String DELETING = ".deleting";

  private static final System.Logger LOG = System.getLogger(Retention.class.getName());

  /** Whether a generation's workflow is running; it may throw when Temporal cannot say. */
  @FunctionalInterface
  public interface RunningGenerations {
    boolean isRunning(String generationId);
  }

  private final Path dataDir;
  private final MediaStore store;
  private final GenerationManifests manifests;
  private final RunningGenerations running;
  private final Clock clock;
  private final Duration maxAge;

  public Retention(
      Path dataDir,
      MediaStore store,
      GenerationManifests manifests,
      RunningGenerations running,
      Clock clock,
      int days) {
    if (days < 1) {
      throw new IllegalArgumentException("retention must be at least one day (got " + days + ")");
    }
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.store = store;
    this.manifests = manifests;
    this.running = running;
    this.clock = clock;
    this.maxAge = Duration.ofDays(days);
  }

  /**
   * Deletes what is old enough; returns the ids of the generations it deleted. Stops at the first
   * generation whose state it cannot learn, keeping it and the ones after it for the next run.
   */
  public List<String> run() throws IOException {
    finishInterruptedDeletes();
    Instant cutoff = clock.instant().minus(maxAge);
    List<String> deleted = new ArrayList<>();
    for (String id : store.generationIds()) {
      Path folder = store.folder(id);
      if (!folder.getParent().equals(dataDir)) {
        throw new IllegalStateException(folder + " is not directly in the data dir " + dataDir);
      }
      Optional<Manifest.Created> created = manifests.created(id);
      Instant createdAt =
          created.isPresent()
              ? created.get().createdAt()
              : Files.getLastModifiedTime(folder).toInstant();
      if (!createdAt.isBefore(cutoff) || running.isRunning(id)) {
        continue;
      }
      Optional<Long> freed = delete(folder);
      if (freed.isPresent()) {
        deleted.add(id);
        LOG.log(
            Level.INFO,
            "Retention: deleted generation {0} ({1}), created {2}, older than {3} days: {4} MB"
                + " freed",
            id,
            created.map(c -> "\"" + c.brief().productName() + "\"").orElse("no manifest"),
            createdAt,
            maxAge.toDays(),
            String.format(Locale.ROOT, "%.1f", freed.get() / (1024.0 * 1024)));
      }
    }
    if (!deleted.isEmpty()) {
      LOG.log(Level.INFO, "Retention: deleted {0} generation(s)", deleted.size());
    }
    return deleted;
  }

  /**
   * Moves the folder out of sight, then deletes it; returns the bytes freed, or empty when another
   * run deleted it first.
   */
  private Optional<Long> delete(Path folder) throws IOException {
    Path deleting = dataDir.resolve(DELETING);
    Files.createDirectories(deleting);
    Path doomed = deleting.resolve(folder.getFileName() + "-" + UUID.randomUUID());
    try {
      Files.move(folder, doomed, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.of(deleteTree(doomed));
  }

  private void finishInterruptedDeletes() throws IOException {
    Path deleting = dataDir.resolve(DELETING);
    if (Files.isDirectory(deleting, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> leftovers = Files.list(deleting)) {
        for (Path leftover : leftovers.toList()) {
          deleteTree(leftover);
        }
      }
    }
  }

  /** Deletes a tree without following links (a link is deleted, not its target); returns bytes. */
  private static long deleteTree(Path root) throws IOException {
    AtomicLong bytes = new AtomicLong();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            bytes.addAndGet(attributes.isRegularFile() ? attributes.size() : 0);
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path directory, IOException failure)
              throws IOException {
            if (failure != null) {
              throw failure;
            }
            Files.delete(directory);
            return FileVisitResult.CONTINUE;
          }
        });
    return bytes.get();
  }
}
