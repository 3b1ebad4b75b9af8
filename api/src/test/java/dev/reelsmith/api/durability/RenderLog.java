package dev.reelsmith.api.durability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every scene render of every Reelsmith process that shares a data dir, one line each time a render
 * starts, fails or finishes: {@code <process> <generation id> <scene> started|failed|finished}. The
 * processes append ({@link InstrumentedReelsmith}); a test reads the lines to count renders per
 * scene across processes, including those a killed process began. Lines are short and appended with
 * {@code O_APPEND}, so lines of several processes never interleave.
 */
final class RenderLog {

  /** What happened to a render. */
  enum Event {
    STARTED,
    FAILED,
    FINISHED;

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One line. */
  record Entry(String process, String generationId, int scene, Event event) {}

  /** The tests' own files in a data dir: a dot-folder, which Reelsmith never lists or serves. */
  static Path folder(Path dataDir) {
    return dataDir.resolve(".durability");
  }

  private final Path file;

  RenderLog(Path dataDir) {
    this.file = folder(dataDir).resolve("renders.log");
  }

  void append(String process, String generationId, int scene, Event event) {
    String line = process + " " + generationId + " " + scene + " " + event.word() + "\n";
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines about one generation, in the order they were written. */
  List<Entry> entries(String generationId) {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .map(line -> line.split(" "))
          .map(
              f ->
                  new Entry(
                      f[0],
                      f[1],
                      Integer.parseInt(f[2]),
                      Event.valueOf(f[3].toUpperCase(Locale.ROOT))))
          .filter(entry -> entry.generationId().equals(generationId))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many times {@code event} happened to {@code scene} of the generation. */
  long count(String generationId, int scene, Event event) {
    return entries(generationId).stream()
        .filter(entry -> entry.scene() == scene && entry.event() == event)
        .count();
  }

  /** The scenes of the generation with {@code event} at least once. */
  Set<Integer> scenes(String generationId, Event event) {
    return entries(generationId).stream()
        .filter(entry -> entry.event() == event)
        .map(Entry::scene)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The processes that had {@code event} for some scene of the generation. */
  Set<String> processes(String generationId, Event event) {
    return entries(generationId).stream()
        .filter(entry -> entry.event() == event)
        .map(Entry::process)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Override
  public String toString() {
    try {
      return Files.exists(file) ? Files.readString(file) : "(no renders yet)";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
