package dev.reelsmith.api.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.api.testing.ReelsmithClient;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import java.time.Duration;
import java.util.function.Predicate;

/** What the durability tests share: their ad, and patience. */
final class Durability {

  /**
   * How long a generation may take here, restarts and heartbeat timeouts included: long, since the
   * machine's two cores are shared with other builds; no test asserts on time.
   */
  static final Duration GENERATION_TIMEOUT = Duration.ofMinutes(8);

  private static final Duration POLL = Duration.ofMillis(250);

  private Durability() {}

  /** The cheapest real ad (15 s, 720p) for {@code product}, in {@code scenes} scenes. */
  static String brief(String product, int scenes) {
    return """
        {"product_name": "%s",
         "description": "A product that a durability test makes an ad for.",
         "tone": "energetic", "call_to_action": "Order today at example.com",
         "duration_seconds": 15, "aspect_ratio": "16:9", "resolution": "720p",
         "scene_count": %d}
        """
        .formatted(product, scenes);
  }

  /**
   * Polls the generation's state until {@code condition} holds. A request that fails meanwhile (the
   * API answering 5xx while Temporal restarts, say) is tried again; the last such failure is part
   * of the message if time runs out.
   */
  static GenerationSnapshot awaitState(
      ReelsmithClient client, String generationId, Predicate<GenerationSnapshot> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + GENERATION_TIMEOUT.toNanos();
    GenerationSnapshot snapshot = null;
    Throwable failure = null;
    while (true) {
      try {
        snapshot = client.state(generationId);
        failure = null;
        if (condition.test(snapshot)) {
          return snapshot;
        }
      } catch (AssertionError | RuntimeException transientFailure) {
        failure = transientFailure;
      }
      assertThat(System.nanoTime())
          .as(
              "waiting for generation %s; last state %s; last failure %s",
              generationId, snapshot, failure)
          .isLessThan(deadline);
      Thread.sleep(POLL.toMillis());
    }
  }
}
