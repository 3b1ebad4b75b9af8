package dev.reelsmith.activities.render;

import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.Transition;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

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
   * When a scene has no outgoing transition to go by (the last scene), the renderer puts IDR frames
   * every this many seconds over the first second, so that an unexpected incoming overlap costs the
   * stitcher at most a few re-encoded frames.
   */
  static final double INCOMING_LADDER_STEP = 0.2;

  static final double INCOMING_LADDER_END = 1.0;

  /** The incoming overlap assumed besides the ladder: a common transition length. */
  static final double ASSUMED_INCOMING_SECONDS = 0.5;

  private Timeline() {}

  /** Frames a transition overlaps; 0 for none. */
  static int overlapFrames(Transition transition, int fps) {
    if (transition == null || transition.kind() == null) {
      return 0;
    }
    return (int) Math.max(0, Math.round(transition.durationSeconds() * fps));
  }

  /**
   * Which of a scene's {@code frames} must be keyframes: where the stitcher will cut into it, so it
   * can splice there without decoding.
   */
  static boolean[] keyframes(SceneParams scene, int frames) {
    boolean[] cuts = new boolean[frames];
    expectedIncomingCuts(scene).stream().filter(f -> f < frames).forEach(f -> cuts[f] = true);
    int outgoingCut = outgoingCut(scene);
    if (outgoingCut > 0 && outgoingCut < frames) {
      cuts[outgoingCut] = true;
    }
    return cuts;
  }

  /** Where the outgoing overlap of a scene starts: {@code N - T_out}. */
  static int outgoingCut(SceneParams scene) {
    return scene.frameCount() - overlapFrames(scene.transition(), scene.fps());
  }

  /**
   * Where the renderer expects the incoming overlap to end, for its IDR frames; none for the first
   * scene. {@link SceneParams} does not carry the incoming transition, so this is a guess: the
   * scene's own outgoing overlap (planners use one transition length per ad), or, for the last
   * scene, a ladder of candidates. A wrong guess costs the stitcher the frames up to the next IDR
   * frame, never correctness.
   */
  static SortedSet<Integer> expectedIncomingCuts(SceneParams scene) {
    SortedSet<Integer> cuts = new TreeSet<>();
    if (scene.index() > 1) {
      if (scene.transition() != null) {
        cuts.add(overlapFrames(scene.transition(), scene.fps()));
      } else {
        int step = Math.max(1, (int) Math.round(INCOMING_LADDER_STEP * scene.fps()));
        for (int f = step; f <= INCOMING_LADDER_END * scene.fps(); f += step) {
          cuts.add(f);
        }
        cuts.add((int) Math.round(ASSUMED_INCOMING_SECONDS * scene.fps()));
      }
    }
    cuts.removeIf(f -> f <= 0 || f >= outgoingCut(scene));
    return cuts;
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
