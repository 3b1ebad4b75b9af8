package dev.reelsmith.activities.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The one door to artefacts (PRODUCT.md §2): every activity reads and writes a generation's files
 * through it. Paths are relative to the generation's folder, as in {@link
 * dev.reelsmith.workflows.MediaLayout}.
 *
 * <p>Writes are all-or-nothing: {@link #publish} hands the writer a temporary file and moves it
 * into place only when the writer returns, so a crashed attempt never leaves a half-written
 * artefact that a retry would mistake for a finished one.
 */
public interface MediaStore {

  /** The folder that holds a generation's artefacts; it need not exist yet. */
  Path folder(String generationId);

  /** The ids of the generations that have a folder, in no particular order. */
  List<String> generationIds() throws IOException;

  /** The file an artefact is (or will be) at. Never outside the generation's folder. */
  Path path(String generationId, String relativePath);

  /** Whether the artefact has been published. */
  boolean exists(String generationId, String relativePath);

  /** Writes an artefact through a temporary file, then moves it into place atomically. */
  Path publish(String generationId, String relativePath, Writer writer) throws IOException;

  /** Writes an artefact's bytes to a file it is given. */
  @FunctionalInterface
  interface Writer {
    void writeTo(Path temporaryFile) throws IOException;
  }
}
