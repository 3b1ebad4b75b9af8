package dev.reelsmith.api.cli;

import dev.reelsmith.activities.LocalPipeline;
import dev.reelsmith.activities.storage.MediaStore;
import dev.reelsmith.api.temporal.SearchAttributeSetup;
import dev.reelsmith.workflows.GenerationWorkers;
import dev.reelsmith.workflows.GenerationWorkflow;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.messages.GenerationInput;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;

/**
 * Temporal's in-process server with a worker for the pipeline, in real time (time skipping off): a
 * whole Reelsmith in one process, gone when it closes.
 */
final class InProcessTemporal implements AutoCloseable {

  private final TestWorkflowEnvironment env;

  private InProcessTemporal(TestWorkflowEnvironment env) {
    this.env = env;
  }

  static InProcessTemporal start(MediaStore store) {
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    SearchAttributeSetup.register(env);
    GenerationWorkers.register(
        env.getWorkerFactory(),
        GenerationWorkers.defaultRenderConcurrency(),
        LocalPipeline.activities(store).toArray());
    env.start();
    return new InProcessTemporal(env);
  }

  GenerationWorkflow start(GenerationInput input) {
    GenerationWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(GenerationWorkflow.class, Generations.workflowOptions(input));
    WorkflowClient.start(workflow::generate, input);
    return workflow;
  }

  @Override
  public void close() {
    env.close();
  }
}
