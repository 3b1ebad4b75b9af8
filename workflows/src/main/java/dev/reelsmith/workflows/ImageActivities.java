package dev.reelsmith.workflows;

import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.ImageRef;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** The upload step's work on the stored reference images. */
@ActivityInterface
public interface ImageActivities {

  /**
   * Decodes every stored image, writes its upright, downscaled reference copy and analyses it.
   * Fails non-retryably ({@link Failures#INVALID_IMAGE}) on an image that cannot be decoded.
   */
  List<ImageAnalysis> analyzeImages(String generationId, List<ImageRef> images);
}
