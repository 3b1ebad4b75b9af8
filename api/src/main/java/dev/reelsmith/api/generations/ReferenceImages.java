package dev.reelsmith.api.generations;

import dev.reelsmith.activities.images.ImageDecoder;
import dev.reelsmith.activities.images.ImageInfo;
import dev.reelsmith.activities.images.InvalidImageException;
import dev.reelsmith.activities.storage.MediaStore;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.UploadLimits;
import dev.reelsmith.workflows.messages.ImageRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Admits reference images into a generation: every file is checked against {@link UploadLimits} and
 * decoded in full before any of them is stored, so bad input never leaves a trace.
 */
public final class ReferenceImages {

  private static final int CHECK_DECODE_SIDE = 256;

  private ReferenceImages() {}

  /** A file offered as a reference image, under the name its owner knows it by. */
  public record Candidate(Path file, String name) {

    public static Candidate of(Path file) {
      return new Candidate(file, file.getFileName().toString());
    }
  }

  /**
   * A client's file name made fit to show: the last segment of any path ({@code ../../x.jpg} and
   * {@code C:\photos\x.jpg} both become {@code x.jpg}), without control characters (NUL, line
   * breaks, escape sequences) or the invisible marks that reorder how text displays (which can
   * dress up a program's name as a photo's), cut to {@link UploadLimits#MAX_FILE_NAME} characters.
   * Any other letter or symbol stays: a name in any script is fine. The name is only ever shown;
   * files are stored under names of ours.
   *
   * @param fallback the name when nothing printable is left, e.g. "image 2"
   */
  public static String displayName(String clientName, String fallback) {
    if (clientName == null) {
      return fallback;
    }
    String base =
        clientName.substring(
            Math.max(clientName.lastIndexOf('/'), clientName.lastIndexOf('\\')) + 1);
    StringBuilder shown = new StringBuilder();
    base.codePoints()
        .filter(c -> Character.getType(c) != Character.CONTROL && !isBidiControl(c))
        .limit(UploadLimits.MAX_FILE_NAME)
        .forEach(shown::appendCodePoint);
    String name = shown.toString().strip();
    return name.isEmpty() || name.chars().allMatch(c -> c == '.') ? fallback : name;
  }

  /** The marks that embed, override or isolate a direction (U+200E/F, U+202A–E, U+2066–9). */
  private static boolean isBidiControl(int c) {
    return c == 0x200E
        || c == 0x200F
        || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x061C;
  }

  /** An image that passed every check. */
  public record Checked(Path file, String originalName, ImageInfo info) {}

  /** Checks every image; the first one at fault is reported by name. */
  public static List<Checked> check(List<Candidate> files)
      throws InvalidImageException, IOException {
    if (files.size() < UploadLimits.MIN_IMAGES || files.size() > UploadLimits.MAX_IMAGES) {
      throw new IllegalArgumentException(
          "give "
              + UploadLimits.MIN_IMAGES
              + " to "
              + UploadLimits.MAX_IMAGES
              + " reference images (got "
              + files.size()
              + ")");
    }
    List<Checked> checked = new ArrayList<>();
    for (Candidate candidate : files) {
      Path file = candidate.file();
      String name = candidate.name();
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("image " + name + " does not exist");
      }
      long size = Files.size(file);
      if (size > UploadLimits.MAX_IMAGE_BYTES) {
        throw new InvalidImageException(
            name,
            "is "
                + size / (1024 * 1024)
                + " MB; the limit is "
                + UploadLimits.MAX_IMAGE_BYTES / (1024 * 1024)
                + " MB per image");
      }
      ImageInfo info = ImageDecoder.inspect(file, name);
      // A small decode still reads every byte, so corrupt data shows up here and not mid-run.
      ImageDecoder.decodeUpright(file, name, CHECK_DECODE_SIDE);
      checked.add(new Checked(file, name, info));
    }
    return checked;
  }

  /** Copies checked images into the generation's uploads folder. */
  public static List<ImageRef> store(MediaStore store, String generationId, List<Checked> images)
      throws IOException {
    List<ImageRef> refs = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      Checked image = images.get(i);
      String path = MediaLayout.upload(i + 1, image.info().format().extension());
      store.publish(
          generationId,
          path,
          temporary -> Files.copy(image.file(), temporary, StandardCopyOption.REPLACE_EXISTING));
      refs.add(new ImageRef(i + 1, path, image.originalName()));
    }
    return refs;
  }
}
