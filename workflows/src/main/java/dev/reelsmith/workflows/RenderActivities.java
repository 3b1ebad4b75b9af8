package dev.reelsmith.workflows;

import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.FinalAd;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.SceneVideo;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** The video step: one render per scene, then the stitch. Both heartbeat. */
@ActivityInterface
public interface RenderActivities {

  /** Renders one scene to {@link MediaLayout#sceneVideo}; returns at once if it already exists. */
  SceneVideo renderScene(String generationId, SceneParams params);

  /** Joins the rendered scenes, with their transitions and a sound bed, into the final ad. */
  FinalAd stitchAd(
      String generationId, Brief brief, List<SceneParams> params, List<SceneVideo> scenes);
}
