package dev.reelsmith.activities.storage;

import dev.reelsmith.workflows.Generations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** Artefacts in a local folder: {@code <root>/<generation id>/<relative path>}. */
public final class LocalMediaStore implements MediaStore {

  /** Environment variable naming the data folder; {@code ./data} when unset. */
  public static final String DATA_DIR_ENV = "REELSMITH_DATA_DIR";

  private final Path root;

  public LocalMediaStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The store at {@code $REELSMITH_DATA_DIR}, or {@code ./data}. */
  public static LocalMediaStore fromEnvironment() {
    String dir = System.getenv(DATA_DIR_ENV);
    return new LocalMediaStore(Path.of(dir == null || dir.isBlank() ? "data" : dir));
  }

  public Path root() {
    return root;
  }

  @Override
  public Path folder(String generationId) {
    if (!Generations.isValidId(generationId)) {
      throw new IllegalArgumentException("not a generation id: " + generationId);
    }
    return root.resolve(generationId);
  }

  @Override
  public List<String> generationIds() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(root)) {
      return entries
          .filter(Files::isDirectory)
          .map(entry -> entry.getFileName().toString())
          .filter(Generations::isValidId)
          .toList();
    }
  }

  @Override
  public Path path(String generationId, String relativePath) {
    Path folder = folder(generationId);
    Path file = folder.resolve(relativePath).normalize();
    if (!file.startsWith(folder) || file.equals(folder)) {
      throw new IllegalArgumentException("path escapes the generation folder: " + relativePath);
    }
    return file;
  }

  @Override
  public boolean exists(String generationId, String relativePath) {
    return Files.isRegularFile(path(generationId, relativePath));
  }

  @Override
  public Path publish(String generationId, String relativePath, Writer writer) throws IOException {
    Path target = path(generationId, relativePath);
    Files.createDirectories(target.getParent());
    Path temporary = target.resolveSibling(temporaryName(target.getFileName().toString()));
    try {
      writer.writeTo(temporary);
      return Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** {@code .scene_01.<random>.part.mp4}: hidden, unique, and keeping the extension for muxers. */
  private static String temporaryName(String name) {
    int dot = name.lastIndexOf('.');
    String stem = dot < 0 ? name : name.substring(0, dot);
    String extension = dot < 0 ? "" : name.substring(dot);
    return "." + stem + "." + UUID.randomUUID().toString().substring(0, 8) + ".part" + extension;
  }
}
