package dev.reelsmith.bench;

import dev.reelsmith.workflows.GenerationSearchAttributes;
import dev.reelsmith.workflows.GenerationWorkers;
import dev.reelsmith.workflows.GenerationWorkflow;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationResult;
import dev.reelsmith.workflows.testing.ScriptedPipeline;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The workflow's own cost: whole 4-scene generations with instant activities on the in-process
 * server in real time, first one at a time (latency), then many at once (throughput).
 *
 * <p>Run with {@code bench/orchestration.sh}.
 */
public final class OrchestrationBenchmark {

  private static final int WARMUP = 30;
  private static final int SEQUENTIAL = 200;
  private static final int CONCURRENT = 400;
  private static final int SCENES = 4;

  /** Renders are instant here; as many at once as the worker's default for any activity. */
  private static final int RENDER_SLOTS = 200;

  /** The generations belong to this many users, none of whom ever waits for a slot. */
  private static final int OWNERS = 10;

  private OrchestrationBenchmark() {}

  public static void main(String[] args) {
    try (TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build())) {
      GenerationSearchAttributes.registerWith(env::registerSearchAttribute);
      GenerationWorkers.register(env.getWorkerFactory(), RENDER_SLOTS, new ScriptedPipeline());
      env.start();
      WorkflowClient client = env.getWorkflowClient();

      for (int i = 0; i < WARMUP; i++) {
        await(client, start(client));
      }

      double[] latencies = new double[SEQUENTIAL];
      for (int i = 0; i < SEQUENTIAL; i++) {
        long begin = System.nanoTime();
        await(client, start(client));
        latencies[i] = (System.nanoTime() - begin) / 1e6;
      }
      Arrays.sort(latencies);

      long begin = System.nanoTime();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < CONCURRENT; i++) {
        ids.add(start(client));
      }
      ids.forEach(id -> await(client, id));
      double seconds = (System.nanoTime() - begin) / 1e9;

      System.out.printf(
          Locale.ROOT,
          "orchestration: %d-scene generation, no-op activities, in-process server%n"
              + "  latency per generation (one at a time, n=%d): median %.1f ms, p90 %.1f ms,"
              + " p99 %.1f ms%n"
              + "  throughput (%d at once): %.1f generations/s (%.2f s)%n",
          SCENES,
          SEQUENTIAL,
          latencies[SEQUENTIAL / 2],
          latencies[SEQUENTIAL * 9 / 10],
          latencies[SEQUENTIAL * 99 / 100],
          CONCURRENT,
          CONCURRENT / seconds,
          seconds);
    }
  }

  private static String start(WorkflowClient client) {
    String generationId = Generations.newId();
    String owner = "user-" + Math.floorMod(generationId.hashCode(), OWNERS);
    GenerationInput input = ScriptedPipeline.input(generationId, SCENES, owner, CONCURRENT);
    GenerationWorkflow workflow =
        client.newWorkflowStub(GenerationWorkflow.class, Generations.workflowOptions(input));
    WorkflowClient.start(workflow::generate, input);
    return generationId;
  }

  private static void await(WorkflowClient client, String generationId) {
    WorkflowStub.fromTyped(
            client.newWorkflowStub(GenerationWorkflow.class, Generations.workflowId(generationId)))
        .getResult(GenerationResult.class);
  }
}
