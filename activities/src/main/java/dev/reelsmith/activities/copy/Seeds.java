package dev.reelsmith.activities.copy;

import dev.reelsmith.workflows.messages.Brief;
import java.nio.charset.StandardCharsets;

/**
 * Stable 64-bit seeds from text (FNV-1a), the same on every JVM and every run, so that a brief
 * always gets the same copy and a scene the same render seed.
 */
public final class Seeds {

  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private Seeds() {}

  /** A seed from the parts, in order; null parts count as empty. */
  public static long of(Object... parts) {
    long hash = OFFSET;
    for (Object part : parts) {
      byte[] bytes = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
      for (byte b : bytes) {
        hash ^= b & 0xFF;
        hash *= PRIME;
      }
      // A separator, so ("ab", "c") and ("a", "bc") differ.
      hash ^= 0x1F;
      hash *= PRIME;
    }
    return hash;
  }

  /**
   * The seed of a brief's copy: every field that shapes the words. The frame and the brand colours
   * do not, so the same brief in 9:16 reads the same as in 16:9.
   */
  public static long of(Brief brief) {
    return of(
        brief.productName(),
        brief.description(),
        brief.audience(),
        brief.tone(),
        brief.callToAction(),
        brief.durationSeconds(),
        brief.sceneCount());
  }
}
