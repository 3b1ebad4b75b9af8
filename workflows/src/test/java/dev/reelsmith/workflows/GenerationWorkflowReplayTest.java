package dev.reelsmith.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.workflows.messages.GenerationResult;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import dev.reelsmith.workflows.messages.Status;
import dev.reelsmith.workflows.testing.ScriptedPipeline;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded histories against the current implementation: a change that would break running
 * generations fails here. To record a history anew (after a deliberate, versioned change), run
 * {@code mvn -pl workflows test -Dtest=GenerationWorkflowReplayTest
 * -Dreelsmith.recordHistories=true}.
 */
class GenerationWorkflowReplayTest {

  private static final Path HISTORIES = Path.of("src/test/resources/histories");
  private static final String FAILED_AND_RETRIED = "failed-scene-then-retried.json";

  @ParameterizedTest
  @ValueSource(strings = {FAILED_AND_RETRIED})
  void recordedHistoryReplaysAgainstTheCurrentWorkflow(String name) throws Exception {
    if (Boolean.getBoolean("reelsmith.recordHistories")) {
      record(HISTORIES.resolve(name));
    }
    String json = Files.readString(HISTORIES.resolve(name), StandardCharsets.UTF_8);

    WorkflowReplayer.replayWorkflowExecution(
        WorkflowExecutionHistory.fromJson(json), GenerationWorkflowImpl.class);
  }

  @Test
  void recordedHistoryCoversAFailureARetryAndCompletion() throws Exception {
    String json = Files.readString(HISTORIES.resolve(FAILED_AND_RETRIED), StandardCharsets.UTF_8);

    WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(json);

    assertThat(history.getEvents())
        .anyMatch(e -> e.hasWorkflowExecutionUpdateAcceptedEventAttributes())
        .anyMatch(e -> e.hasActivityTaskFailedEventAttributes());
    assertThat(history.getLastEvent().hasWorkflowExecutionCompletedEventAttributes()).isTrue();
  }

  /** Runs a 4-scene generation whose third scene fails once for good, then retries it. */
  private static void record(Path file) throws Exception {
    ScriptedPipeline activities = new ScriptedPipeline();
    activities.permanentFailures.put(3, "the provider refused the prompt");
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(Generations.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(GenerationWorkflowImpl.class);
      worker.registerActivitiesImplementations(activities);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      String generationId = Generations.newId();
      GenerationWorkflow workflow =
          client.newWorkflowStub(
              GenerationWorkflow.class, Generations.workflowOptions(generationId));
      WorkflowClient.start(workflow::generate, ScriptedPipeline.input(generationId, 4));
      GenerationSnapshot snapshot = workflow.progress(0).snapshot();
      while (snapshot.status() != Status.FAILED) {
        Thread.sleep(20);
        snapshot = workflow.progress(0).snapshot();
      }
      activities.permanentFailures.clear();
      workflow.retry();
      WorkflowStub.fromTyped(workflow).getResult(GenerationResult.class);
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          client.fetchHistory(Generations.workflowId(generationId)).toJson(true),
          StandardCharsets.UTF_8);
    }
  }
}
