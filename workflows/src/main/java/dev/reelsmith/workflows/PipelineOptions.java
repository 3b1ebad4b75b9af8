package dev.reelsmith.workflows;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * The one owner of activity timeouts and retry policies. Permanent failures are raised
 * non-retryable by the activities themselves, so the policies only pace the transient ones.
 */
final class PipelineOptions {

  /**
   * Decoding and analysing ten large photos takes seconds; two minutes is generous. Abandoned on
   * cancel, as {@link #COPY} is.
   */
  static final ActivityOptions IMAGES =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(retries(3, Duration.ofSeconds(1)))
          .setCancellationType(ActivityCancellationType.ABANDON)
          .build();

  /**
   * Writing steps may call a remote LLM that is slow or briefly unavailable: a story with two
   * rewrites is six calls, and a local model on a CPU takes a minute for one. Drafts are kept as
   * they come, so an attempt that times out resumes rather than pays again.
   *
   * <p>A cancel abandons a writing step instead of asking it to stop: there is nothing to stop (the
   * steps do not heartbeat), and a cancel request that meets the step's completion is refused by
   * the embedded Temporal server ({@code ACTIVITY_UNKNOWN}), which then never answers the cancel.
   */
  static final ActivityOptions COPY =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(10))
          .setRetryOptions(retries(4, Duration.ofSeconds(2)))
          .setCancellationType(ActivityCancellationType.ABANDON)
          .build();

  /**
   * One scene render, on the render task queue whose workers cap the renders running at once; it
   * may wait there for a free slot, which no timeout counts against. Renders heartbeat about once a
   * second, so a worker that dies is noticed within twenty seconds instead of at the start-to-close
   * timeout. Each scene gets its own retries: a flaky scene does not cost the others anything.
   */
  static final ActivityOptions RENDER =
      ActivityOptions.newBuilder()
          .setTaskQueue(Generations.RENDER_TASK_QUEUE)
          .setStartToCloseTimeout(Duration.ofMinutes(20))
          .setHeartbeatTimeout(Duration.ofSeconds(20))
          .setRetryOptions(retries(4, Duration.ofSeconds(2)))
          .build();

  /**
   * The stitch copies most of the video and encodes only the transitions; still video work, so it
   * shares the renders' queue, their cap and their heartbeat timeout.
   */
  static final ActivityOptions STITCH =
      ActivityOptions.newBuilder()
          .setTaskQueue(Generations.RENDER_TASK_QUEUE)
          .setStartToCloseTimeout(Duration.ofMinutes(20))
          .setHeartbeatTimeout(Duration.ofSeconds(20))
          .setRetryOptions(retries(3, Duration.ofSeconds(2)))
          .build();

  /**
   * Asking for a slot and checking who still holds one: a call to the Temporal server each. A
   * server that stays unreachable fails the attempt after about half a minute, with Retry offered
   * as for any failed step. A cancelled generation waits for a request in flight to finish, so the
   * release it sends next always comes after it.
   */
  static final ActivityOptions ADMISSION =
      ActivityOptions.newBuilder()
          .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(retries(6, Duration.ofSeconds(1)))
          .build();

  private PipelineOptions() {}

  private static RetryOptions retries(int maxAttempts, Duration initialInterval) {
    return RetryOptions.newBuilder()
        .setMaximumAttempts(maxAttempts)
        .setInitialInterval(initialInterval)
        .setBackoffCoefficient(2)
        .setMaximumInterval(Duration.ofMinutes(1))
        .build();
  }
}
