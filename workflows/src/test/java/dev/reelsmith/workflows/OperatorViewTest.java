package dev.reelsmith.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationResult;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import dev.reelsmith.workflows.messages.SceneState;
import dev.reelsmith.workflows.messages.Status;
import dev.reelsmith.workflows.messages.Step;
import dev.reelsmith.workflows.testing.ScriptedPipeline;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees of a generation in Temporal Web: search attributes that follow its step and
 * status, a summary and details from its brief, a short current status and named activities.
 */
class OperatorViewTest {

  /** The query Temporal Web asks for a workflow's current details. */
  private static final String METADATA_QUERY = "__temporal_workflow_metadata";

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private ScriptedPipeline activities;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    activities = new ScriptedPipeline();
    GenerationSearchAttributes.registerWith(env::registerSearchAttribute);
    GenerationWorkers.register(env.getWorkerFactory(), 4, activities);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stopEnvironment() {
    activities.release.countDown();
    activities.heldGenerations.values().forEach(CountDownLatch::countDown);
    env.close();
  }

  private GenerationWorkflow start(GenerationInput input) {
    GenerationWorkflow workflow =
        client.newWorkflowStub(GenerationWorkflow.class, Generations.workflowOptions(input));
    WorkflowClient.start(workflow::generate, input);
    return workflow;
  }

  private static WorkflowExecutionDescription describe(GenerationWorkflow workflow) {
    return WorkflowStub.fromTyped(workflow).describe();
  }

  private static SearchAttributes searchAttributes(GenerationWorkflow workflow) {
    return describe(workflow).getTypedSearchAttributes();
  }

  private static String currentDetails(GenerationWorkflow workflow) {
    return WorkflowStub.fromTyped(workflow)
        .query(METADATA_QUERY, WorkflowMetadata.class)
        .getCurrentDetails();
  }

  private static GenerationSnapshot await(
      GenerationWorkflow workflow, Predicate<GenerationSnapshot> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    GenerationSnapshot snapshot = workflow.progress(0).snapshot();
    while (!condition.test(snapshot)) {
      assertThat(System.nanoTime()).as("waiting for %s", snapshot).isLessThan(deadline);
      Thread.sleep(20);
      snapshot = workflow.progress(0).snapshot();
    }
    return snapshot;
  }

  /** Search attributes are indexed after the workflow task that upserted them; wait for that. */
  private static SearchAttributes awaitSearchAttributes(
      GenerationWorkflow workflow, String step, String status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    SearchAttributes attributes = searchAttributes(workflow);
    while (!step.equals(attributes.get(GenerationSearchAttributes.STEP))
        || !status.equals(attributes.get(GenerationSearchAttributes.STATUS))) {
      assertThat(System.nanoTime()).as("waiting, at %s", attributes).isLessThan(deadline);
      Thread.sleep(20);
      attributes = searchAttributes(workflow);
    }
    return attributes;
  }

  @Test
  void searchAttributesFollowTheGenerationFromStartThroughFailureToCompletion() throws Exception {
    GenerationInput input = ScriptedPipeline.input(Generations.newId(), 4);
    activities.held.put(1, true);
    activities.permanentFailures.put(3, "the provider refused the prompt");

    GenerationWorkflow workflow = start(input);
    await(workflow, s -> s.step() == Step.VIDEOS);

    SearchAttributes rendering = awaitSearchAttributes(workflow, "videos", "in_progress");
    assertThat(rendering.get(GenerationSearchAttributes.USER)).isEqualTo("alice");
    assertThat(rendering.get(GenerationSearchAttributes.PRODUCT)).isEqualTo("Aurora Cold Brew");

    activities.release.countDown();
    await(workflow, s -> s.status() == Status.FAILED);
    awaitSearchAttributes(workflow, "videos", "failed");

    activities.permanentFailures.clear();
    workflow.retry();
    WorkflowStub.fromTyped(workflow).getResult(GenerationResult.class);

    SearchAttributes done = awaitSearchAttributes(workflow, "complete", "completed");
    assertThat(done.get(GenerationSearchAttributes.USER)).isEqualTo("alice");
    assertThat(done.get(GenerationSearchAttributes.PRODUCT)).isEqualTo("Aurora Cold Brew");
  }

  @Test
  void aNewGenerationStartsWithItsOwnerProductAndStatusAlreadySearchable() {
    GenerationInput input = ScriptedPipeline.input(Generations.newId(), 3);
    activities.held.put(1, true);

    SearchAttributes attributes = searchAttributes(start(input));

    assertThat(attributes.get(GenerationSearchAttributes.USER)).isEqualTo("alice");
    assertThat(attributes.get(GenerationSearchAttributes.PRODUCT)).isEqualTo("Aurora Cold Brew");
    assertThat(attributes.get(GenerationSearchAttributes.STATUS)).isEqualTo("in_progress");
  }

  @Test
  void aCancelledGenerationIsSearchableAsCancelled() throws Exception {
    // Both renders that may run at once wait, so none finishes while the cancel is under way.
    activities.held.put(1, true);
    activities.held.put(2, true);
    GenerationWorkflow workflow = start(ScriptedPipeline.input(Generations.newId(), 3));
    await(
        workflow,
        s ->
            s.sceneStates().stream()
                .anyMatch(scene -> scene.status() == SceneState.RenderStatus.RENDERING));

    workflow.cancel();
    WorkflowStub.fromTyped(workflow).getResult(GenerationResult.class);

    awaitSearchAttributes(workflow, "videos", "cancelled");
    assertThat(currentDetails(workflow)).isEqualTo("Cancelled at videos");
  }

  @Test
  void theSummaryAndDetailsDescribeTheBrief() {
    GenerationInput input = ScriptedPipeline.input(Generations.newId(), 4);
    activities.held.put(1, true);

    WorkflowExecutionDescription description = describe(start(input));

    assertThat(description.getStaticSummary())
        .isEqualTo("Ad for Aurora Cold Brew — 30 s, 16:9, 720p, by alice");
    assertThat(description.getStaticDetails())
        .startsWith("**Aurora Cold Brew**, for alice")
        .contains("> Slow-steeped cold brew coffee in a recyclable glass bottle.")
        .contains("- **Length:** 30 s in 4 scenes")
        .contains("- **Format:** 16:9 at 720p (1280×720)")
        .contains("- **Call to action:** Order today at aurora.example")
        .contains("- **Brand colours:** \\#1A73E8")
        .contains("- **Reference images:** 2 (bottle.jpg, pour.png)")
        .contains("- **Generation:** " + input.generationId());
    assertThat(description.getMemo(Generations.PRODUCT_MEMO, String.class))
        .isEqualTo("Aurora Cold Brew");
  }

  @Test
  void currentDetailsSayWhatTheGenerationDoesAndWhyItFailed() throws Exception {
    activities.held.put(3, true);
    activities.permanentFailures.put(4, "the provider refused the prompt");
    GenerationWorkflow workflow = start(ScriptedPipeline.input(Generations.newId(), 4));

    await(workflow, s -> s.sceneVideos().size() == 2);
    assertThat(currentDetails(workflow)).isEqualTo("Rendering scenes: 2 of 4 done");

    activities.release.countDown();
    await(workflow, s -> s.status() == Status.FAILED);
    assertThat(currentDetails(workflow))
        .startsWith("Failed at videos (scene 4): Scene 4 of 4 failed to render")
        .contains("the provider refused the prompt");

    activities.permanentFailures.clear();
    workflow.retry();
    WorkflowStub.fromTyped(workflow).getResult(GenerationResult.class);
    assertThat(currentDetails(workflow)).isEqualTo("Complete (attempt 2)");
  }

  @Test
  void aQueuedGenerationSaysWhatItWaitsFor() throws Exception {
    String first = Generations.newId();
    activities.heldGenerations.put(first, new CountDownLatch(1));
    GenerationWorkflow running = start(ScriptedPipeline.input(first, 3, "alice", 1));
    await(running, s -> s.step() == Step.VIDEOS);

    GenerationWorkflow queued = start(ScriptedPipeline.input(Generations.newId(), 3, "alice", 1));
    await(queued, s -> s.message().startsWith("Queued"));

    assertThat(currentDetails(queued)).isEqualTo("Queued behind 1 running generation");
    assertThat(currentDetails(running)).isEqualTo("Rendering scenes: 0 of 3 done");
  }

  @Test
  void everyActivityCallHasASummary() {
    GenerationInput input = ScriptedPipeline.input(Generations.newId(), 3);
    WorkflowStub.fromTyped(start(input)).getResult(GenerationResult.class);

    List<String> summaries =
        client.fetchHistory(Generations.workflowId(input.generationId())).getEvents().stream()
            .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
            .map(
                event ->
                    DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                        event.getUserMetadata().getSummary(), String.class, String.class))
            .toList();

    assertThat(summaries)
        .containsExactly(
            "Ask for one of alice's 2 slots",
            "Analyse 2 reference images",
            "Write and score the story",
            "Plan 3 scenes and score their cohesion",
            "Prepare render parameters for 3 scenes",
            "Render scene 1 of 3",
            "Render scene 2 of 3",
            "Render scene 3 of 3",
            "Stitch 3 scenes into the final ad");
  }
}
