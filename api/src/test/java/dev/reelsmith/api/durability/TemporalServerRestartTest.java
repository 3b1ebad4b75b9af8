package dev.reelsmith.api.durability;

import static dev.reelsmith.api.durability.Durability.awaitState;
import static dev.reelsmith.api.durability.Durability.brief;
import static dev.reelsmith.api.durability.RenderLog.Event.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import dev.reelsmith.workflows.messages.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reelsmith rides out a restart of its Temporal server: workers and clients reconnect, and the
 * server, started again on the same database, carries on with the workflows it had. A class of its
 * own, since it restarts the server the other durability tests share.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class TemporalServerRestartTest {

  @TempDir Path temporalState;
  @TempDir Path data;
  @TempDir Path scratch;
  private TemporalDevServer temporal;

  /** Outside the test's timeout: on a new machine this builds the Temporal CLI first. */
  @BeforeEach
  void startTemporal() {
    temporal = TemporalDevServer.start("temporal-restarted", temporalState);
  }

  @AfterEach
  void stopTemporal() {
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  void generationCompletesWhenTheTemporalServerRestartsMidGeneration() throws Exception {
    try (ReelsmithProcess reelsmith =
        ReelsmithProcess.named("through-a-temporal-restart")
            .temporal(temporal)
            .data(data)
            .renderDelay(Duration.ofSeconds(3))
            .start()) {
      String id = reelsmith.client().create(scratch, brief("Aurora Cold Brew", 3));
      RenderLog renders = new RenderLog(data);
      long deadline = System.nanoTime() + Durability.GENERATION_TIMEOUT.toNanos();
      while (renders.scenes(id, STARTED).isEmpty()) {
        assertThat(System.nanoTime()).as("a render starts").isLessThan(deadline);
        Thread.sleep(100);
      }

      temporal.stop();
      temporal.start();

      GenerationSnapshot done =
          awaitState(reelsmith.client(), id, s -> s.status() != Status.IN_PROGRESS);
      assertThat(done.status()).as("error: %s", done.error()).isEqualTo(Status.COMPLETED);
      assertThat(done.attempt()).as("completed without a retry").isOne();
      assertThat(data.resolve(id).resolve(MediaLayout.FINAL_VIDEO)).isNotEmptyFile();
    }
  }
}
