package dev.reelsmith.activities.images;

import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.activities.storage.MediaStore;
import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.ImageActivities;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.ImageRef;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The upload step's work: every stored upload is decoded upright, written once more as the PNG
 * reference copy that renderers read ({@link MediaLayout#reference}), and analysed.
 *
 * <p>Safe to run again: a reference copy is published atomically, so one that exists is complete
 * and a retry re-analyses it instead of decoding the upload a second time; the analysis of the same
 * pixels is the same. Once every image is analysed, the analyses are kept in the generation's
 * {@link Manifest} and returned from there while the reference copies they name are intact.
 */
@ActivityImpl(taskQueues = Generations.TASK_QUEUE)
public final class ImageActivitiesImpl implements ImageActivities {

  /**
   * Long side of the reference copies. Enough for a 1080p frame with a 1.3× camera zoom and for the
   * 1920-pixel long side of 1080p video, and it keeps a PNG under about 10 MB.
   */
  public static final int REFERENCE_MAX_SIDE = 2560;

  private final MediaStore store;
  private final Manifest manifest;
  private final ImageAnalyzer analyzer;

  public ImageActivitiesImpl(MediaStore store) {
    this(store, new ImageAnalyzer());
  }

  public ImageActivitiesImpl(MediaStore store, ImageAnalyzer analyzer) {
    this.store = store;
    this.manifest = new Manifest(store);
    this.analyzer = analyzer;
  }

  @Override
  public List<ImageAnalysis> analyzeImages(String generationId, List<ImageRef> images) {
    return manifest.remember(
        generationId,
        Manifest.IMAGES,
        known -> known.size() == images.size() && referencesIntact(generationId, known),
        () -> analyzeAll(generationId, images));
  }

  private List<ImageAnalysis> analyzeAll(String generationId, List<ImageRef> images) {
    List<ImageAnalysis> analyses = new ArrayList<>();
    for (ImageRef image : images) {
      analyses.add(analyze(generationId, image));
      Activity.getExecutionContext().heartbeat(image.index());
    }
    return analyses;
  }

  private ImageAnalysis analyze(String generationId, ImageRef image) {
    Path upload = store.path(generationId, image.path());
    String reference = MediaLayout.reference(image.index());
    String name = displayName(image, upload);
    try {
      ImageInfo info = ImageDecoder.inspect(upload, name);
      BufferedImage pixels = existingReference(generationId, reference);
      if (pixels == null) {
        BufferedImage upright = ImageDecoder.decodeUpright(upload, name, REFERENCE_MAX_SIDE);
        store.publish(generationId, reference, file -> writePng(upright, file));
        pixels = upright;
      }
      return analyzer.analyze(image.index(), reference, pixels, info.width(), info.height());
    } catch (InvalidImageException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          describe(image) + " " + e.reason(), Failures.INVALID_IMAGE.name(), e);
    } catch (NoSuchFileException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          describe(image) + " is missing from storage (" + image.path() + "); upload it again",
          Failures.MISSING_ARTEFACT.name(),
          e);
    } catch (IOException e) {
      // A disk or storage hiccup: worth another attempt.
      throw Activity.wrap(e);
    }
  }

  /** Whether every reference copy the analyses name is there and still has a readable header. */
  private boolean referencesIntact(String generationId, List<ImageAnalysis> analyses) {
    for (ImageAnalysis analysis : analyses) {
      try {
        ImageDecoder.inspect(store.path(generationId, analysis.normalized()));
      } catch (InvalidImageException | IOException damaged) {
        return false;
      }
    }
    return true;
  }

  /** The published reference copy, or null when there is none or it cannot be read back. */
  private BufferedImage existingReference(String generationId, String reference) {
    if (!store.exists(generationId, reference)) {
      return null;
    }
    try {
      return ImageDecoder.decodeUpright(
          store.path(generationId, reference), reference, REFERENCE_MAX_SIDE);
    } catch (InvalidImageException | IOException unreadable) {
      // Written by an earlier attempt but unreadable now: make it again from the upload.
      return null;
    }
  }

  private static void writePng(BufferedImage image, Path file) throws IOException {
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer for an image of type " + image.getType());
    }
  }

  private static String displayName(ImageRef image, Path upload) {
    String original = image.originalName();
    return original == null || original.isBlank() ? upload.getFileName().toString() : original;
  }

  private static String describe(ImageRef image) {
    String original = image.originalName();
    return original == null || original.isBlank()
        ? "Image " + image.index()
        : "Image " + image.index() + " (\"" + original + "\")";
  }
}
