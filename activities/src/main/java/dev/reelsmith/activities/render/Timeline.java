package dev.reelsmith.activities.render;

import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.Transition;
import java.util.List;

/**
 * The one owner of the frame arithmetic that the renderer and the stitcher must agree on: how many
 * frames a transition overlaps, where a scene will be cut, and how long the joined ad is.
 *
 * <p>Scene {@code i}'s transition overlaps its last {@code T_i} frames with the first {@code T_i}
 * frames of scene {@code i+1}, so the ad has {@code sum(N_i) - sum(T_i)} frames. A scene is cut at
 * {@code T_in} (the end of the incoming overlap) and at {@code N - T_out} (the start of the
 * outgoing one); the renderer puts IDR frames there so the stitcher can copy what lies between.
 */
final class Timeline {

  /**
   * The overlap a scene renderer assumes for the incoming transition, which {@link SceneParams}
   * does not carry: the scene's own outgoing transition (planners use one length per ad), else
   * this.
   */
  static final double ASSUMED_INCOMING_SECONDS = 0.5;

  private Timeline() {}

  /** Frames a transition overlaps; 0 for none. */
  static int overlapFrames(Transition transition, int fps) {
    if (transition == null || transition.kind() == null) {
      return 0;
    }
    return (int) Math.max(0, Math.round(transition.durationSeconds() * fps));
  }

  /** Where the outgoing overlap of a scene starts: {@code N - T_out}. */
  static int outgoingCut(SceneParams scene) {
    return scene.frameCount() - overlapFrames(scene.transition(), scene.fps());
  }

  /**
   * Where the renderer expects the incoming overlap to end, for its IDR frame; 0 for the first
   * scene. A wrong guess costs the stitcher a few re-encoded frames, never correctness.
   */
  static int expectedIncomingCut(SceneParams scene) {
    if (scene.index() <= 1) {
      return 0;
    }
    int frames =
        scene.transition() != null
            ? overlapFrames(scene.transition(), scene.fps())
            : (int) Math.round(ASSUMED_INCOMING_SECONDS * scene.fps());
    return Math.min(frames, outgoingCut(scene));
  }

  /** Frames of the joined ad. */
  static int totalFrames(List<SceneParams> scenes) {
    int total = 0;
    for (int i = 0; i < scenes.size(); i++) {
      total += scenes.get(i).frameCount();
      if (i < scenes.size() - 1) {
        total -= overlapFrames(scenes.get(i).transition(), scenes.get(i).fps());
      }
    }
    return total;
  }
}
