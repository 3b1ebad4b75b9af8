package dev.reelsmith.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationResult;
import dev.reelsmith.workflows.messages.Status;
import dev.reelsmith.workflows.testing.ScriptedPipeline;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Renders run on their own task queue, whose worker caps them for all generations together. */
class RenderConcurrencyTest {

  @Test
  void aBurstOfGenerationsRendersNoMoreScenesAtOnceThanTheWorkerAllows() {
    int cap = 3;
    ScriptedPipeline activities = new ScriptedPipeline();
    activities.renderTime = Duration.ofMillis(100);
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      GenerationSearchAttributes.registerWith(env::registerSearchAttribute);
      GenerationWorkers.register(env.getWorkerFactory(), cap, activities);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      List<GenerationWorkflow> burst = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String id = Generations.newId();
        GenerationInput input = ScriptedPipeline.input(id, 4, "owner-" + i, 1);
        GenerationWorkflow workflow =
            client.newWorkflowStub(GenerationWorkflow.class, Generations.workflowOptions(input));
        WorkflowClient.start(workflow::generate, input);
        burst.add(workflow);
      }

      for (GenerationWorkflow workflow : burst) {
        assertThat(WorkflowStub.fromTyped(workflow).getResult(GenerationResult.class).status())
            .isEqualTo(Status.COMPLETED);
      }
      assertThat(activities.mostRendersAtOnce).hasValue(cap);
      assertThat(activities.renderCalls.values().stream().mapToInt(c -> c.get()).sum())
          .isEqualTo(5 * 4);
    }
  }
}
