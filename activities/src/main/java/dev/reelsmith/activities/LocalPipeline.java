package dev.reelsmith.activities;

import dev.reelsmith.activities.copy.CopyActivitiesImpl;
import dev.reelsmith.activities.images.ImageActivitiesImpl;
import dev.reelsmith.activities.render.LocalSceneRenderer;
import dev.reelsmith.activities.render.RenderActivitiesImpl;
import dev.reelsmith.activities.storage.MediaStore;
import java.util.List;

/**
 * The pipeline's activities with the local providers: no network, no keys. The one place that wires
 * them, for every worker (command line, application, benchmarks).
 */
public final class LocalPipeline {

  private LocalPipeline() {}

  public static ImageActivitiesImpl images(MediaStore store) {
    return new ImageActivitiesImpl(store);
  }

  public static CopyActivitiesImpl copy(MediaStore store) {
    return CopyActivitiesImpl.local(store);
  }

  public static RenderActivitiesImpl render(MediaStore store) {
    return new RenderActivitiesImpl(store, new LocalSceneRenderer());
  }

  /** An implementation of each activity interface, all sharing one media store. */
  public static List<Object> activities(MediaStore store) {
    return List.of(images(store), copy(store), render(store));
  }
}
