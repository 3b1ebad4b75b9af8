package dev.reelsmith.workflows;

import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.ScenePlan;
import dev.reelsmith.workflows.messages.Story;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** The writing steps: story, scenes and render parameters. */
@ActivityInterface
public interface CopyActivities {

  /** Writes the ad's story from the brief and what the images show, and scores it. */
  Story writeStory(String generationId, Brief brief, List<ImageAnalysis> images);

  /** Splits the story into the brief's number of scenes and scores their cohesion. */
  ScenePlan planScenes(String generationId, Brief brief, Story story, List<ImageAnalysis> images);

  /** Turns each scene into concrete render parameters. */
  List<SceneParams> prepareVideoParams(
      String generationId, Brief brief, ScenePlan plan, List<ImageAnalysis> images);
}
