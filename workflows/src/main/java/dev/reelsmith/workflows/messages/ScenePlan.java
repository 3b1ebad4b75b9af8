package dev.reelsmith.workflows.messages;

import java.util.List;

/** The scene list and how well the scenes hang together. */
public record ScenePlan(List<Scene> scenes, Score cohesion) {

  public ScenePlan {
    scenes = List.copyOf(scenes);
  }
}
