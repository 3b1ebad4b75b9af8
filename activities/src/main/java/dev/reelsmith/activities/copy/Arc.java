package dev.reelsmith.activities.copy;

import dev.reelsmith.workflows.messages.StoryBeat.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one owner of how the ad's arc (hook, problem, reveal, benefits, call to action) maps onto a
 * number of scenes, and of how long each kind of scene runs relative to the others.
 *
 * <p>Three scenes carry the essentials: hook, reveal, call to action. A fourth adds a benefit; from
 * five on the problem gets its own scene and every further scene is one more benefit.
 */
public final class Arc {

  /** Speech rate of a relaxed voice-over, in words per second. */
  public static final double WORDS_PER_SECOND = 2.5;

  private Arc() {}

  /** The roles of {@code count} scenes, in order. */
  public static List<Role> scenes(int count) {
    if (count < 3) {
      throw new IllegalArgumentException("an ad needs at least 3 scenes, not " + count);
    }
    List<Role> roles = new ArrayList<>();
    roles.add(Role.HOOK);
    if (count >= 5) {
      roles.add(Role.PROBLEM);
    }
    roles.add(Role.REVEAL);
    int benefits = count - roles.size() - 1;
    roles.addAll(Collections.nCopies(benefits, Role.BENEFIT));
    roles.add(Role.CALL_TO_ACTION);
    return List.copyOf(roles);
  }

  /** How many benefit beats a story for {@code sceneCount} scenes needs (at least one). */
  public static int benefits(int sceneCount) {
    return Math.max(1, (int) scenes(sceneCount).stream().filter(r -> r == Role.BENEFIT).count());
  }

  /** Position of a role in the arc, 0 for the hook to 4 for the call to action. */
  public static int order(Role role) {
    return role.ordinal();
  }

  /**
   * Relative screen time of a scene of this role: the reveal lingers on the product, the hook is
   * quick.
   */
  public static double weight(Role role) {
    return switch (role) {
      case HOOK -> 0.9;
      case PROBLEM -> 1.0;
      case REVEAL -> 1.3;
      case BENEFIT -> 1.0;
      case CALL_TO_ACTION -> 1.1;
    };
  }

  /** Words a voice can say comfortably in {@code seconds}. */
  public static int speakableWords(double seconds) {
    return (int) Math.floor(seconds * WORDS_PER_SECOND);
  }
}
