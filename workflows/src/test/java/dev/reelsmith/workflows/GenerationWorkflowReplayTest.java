package dev.reelsmith.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationResult;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import dev.reelsmith.workflows.messages.Status;
import dev.reelsmith.workflows.messages.Step;
import dev.reelsmith.workflows.testing.ScriptedPipeline;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays recorded histories against the current implementation: a change that would break running
 * generations fails here. {@link #BEFORE_ADMISSION} was recorded before generations took a slot
 * from their owner's admission workflow, {@link #ADMITTED} before they kept search attributes; they
 * are never recorded again: they show that such generations still replay. To record the others anew
 * (after a deliberate, versioned change), run {@code mvn -pl workflows test
 * -Dtest=GenerationWorkflowReplayTest -Dreelsmith.recordHistories=true}.
 */
class GenerationWorkflowReplayTest {

  private static final Path HISTORIES = Path.of("src/test/resources/histories");

  /** A 4-scene generation whose third scene failed once for good, then retried; no admission. */
  private static final String BEFORE_ADMISSION = "failed-scene-then-retried.json";

  /** The same with admission: its retry waited for another generation of the owner's. */
  private static final String ADMITTED = "failed-scene-then-queued-retry.json";

  /** The same again, upserting its step and status as search attributes as it goes. */
  private static final String SEARCHABLE = "failed-scene-then-queued-retry-searchable.json";

  /** The owner's admission workflow during {@link #ADMITTED}, until it ended idle. */
  private static final String ADMISSION = "admission-of-one-owner.json";

  /**
   * The first replay loads the workflow's classes inside its workflow thread; on a busy two-core
   * machine that outlasts the default deadlock detection (1 s), which is not what this test is for.
   */
  private static final Duration CLASS_LOADING_PATIENCE = Duration.ofSeconds(10);

  private static boolean recorded;

  static Stream<Arguments> histories() {
    return Stream.of(
        Arguments.of(BEFORE_ADMISSION, GenerationWorkflowImpl.class),
        Arguments.of(ADMITTED, GenerationWorkflowImpl.class),
        Arguments.of(SEARCHABLE, GenerationWorkflowImpl.class),
        Arguments.of(ADMISSION, AdmissionWorkflowImpl.class));
  }

  @ParameterizedTest
  @MethodSource("histories")
  void recordedHistoryReplaysAgainstTheCurrentWorkflow(String name, Class<?> implementation)
      throws Exception {
    if (Boolean.getBoolean("reelsmith.recordHistories") && !recorded) {
      record();
      recorded = true;
    }

    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker =
          env.newWorker(
              Generations.TASK_QUEUE,
              WorkerOptions.newBuilder()
                  .setDefaultDeadlockDetectionTimeout(CLASS_LOADING_PATIENCE.toMillis())
                  .build());
      worker.registerWorkflowImplementationTypes(implementation);
      WorkflowReplayer.replayWorkflowExecution(history(name), worker);
    }
  }

  @Test
  void recordedHistoriesCoverAFailureARetryAQueueAndCompletion() throws Exception {
    for (String name : new String[] {BEFORE_ADMISSION, ADMITTED, SEARCHABLE}) {
      WorkflowExecutionHistory history = history(name);
      assertThat(history.getEvents())
          .as(name)
          .anyMatch(HistoryEvent::hasWorkflowExecutionUpdateAcceptedEventAttributes)
          .anyMatch(HistoryEvent::hasActivityTaskFailedEventAttributes);
      assertThat(history.getLastEvent().hasWorkflowExecutionCompletedEventAttributes()).isTrue();
    }
    assertThat(history(ADMITTED).getEvents())
        .anyMatch(HistoryEvent::hasMarkerRecordedEventAttributes)
        .filteredOn(HistoryEvent::hasWorkflowExecutionSignaledEventAttributes)
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(history(ADMITTED).getEvents())
        .noneMatch(HistoryEvent::hasUpsertWorkflowSearchAttributesEventAttributes);
    assertThat(history(SEARCHABLE).getEvents())
        .anyMatch(event -> changeId(event).equals(GenerationWorkflowImpl.SEARCH_ATTRIBUTES_CHANGE))
        .filteredOn(HistoryEvent::hasUpsertWorkflowSearchAttributesEventAttributes)
        .hasSizeGreaterThanOrEqualTo(5);
    WorkflowExecutionHistory admission = history(ADMISSION);
    assertThat(admission.getEvents())
        .filteredOn(HistoryEvent::hasSignalExternalWorkflowExecutionInitiatedEventAttributes)
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(admission.getLastEvent().hasWorkflowExecutionCompletedEventAttributes()).isTrue();
  }

  /** The change id of a version marker; empty for any other event. */
  private static String changeId(HistoryEvent event) {
    if (!event.hasMarkerRecordedEventAttributes()) {
      return "";
    }
    Payloads changeId = event.getMarkerRecordedEventAttributes().getDetailsMap().get("changeId");
    return changeId == null
        ? ""
        : DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
            changeId.getPayloads(0), String.class, String.class);
  }

  private static WorkflowExecutionHistory history(String name) throws Exception {
    return WorkflowExecutionHistory.fromJson(
        Files.readString(HISTORIES.resolve(name), StandardCharsets.UTF_8));
  }

  /**
   * One owner may run one generation. The first fails at its third scene and gives its slot back; a
   * second one takes it and renders; the first is retried and waits for it, then completes. The
   * admission workflow ends when it has been idle long enough.
   */
  private static void record() throws Exception {
    ScriptedPipeline activities = new ScriptedPipeline();
    activities.permanentFailures.put(3, "the provider refused the prompt");
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      GenerationSearchAttributes.registerWith(env::registerSearchAttribute);
      GenerationWorkers.register(env.getWorkerFactory(), 2, activities);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      String owner = "alice";
      String failing = Generations.newId();
      GenerationWorkflow first = start(client, failing, owner);
      await(first, s -> s.status() == Status.FAILED);
      activities.permanentFailures.clear();

      String other = Generations.newId();
      CountDownLatch held = new CountDownLatch(1);
      activities.heldGenerations.put(other, held);
      GenerationWorkflow second = start(client, other, owner);
      await(second, s -> s.step() == Step.VIDEOS);
      first.retry();
      await(first, s -> s.message().startsWith("Queued"));
      held.countDown();
      WorkflowStub.fromTyped(second).getResult(GenerationResult.class);
      WorkflowStub.fromTyped(first).getResult(GenerationResult.class);
      env.sleep(AdmissionWorkflowImpl.IDLE.plusMinutes(1));

      write(client, Generations.workflowId(failing), SEARCHABLE);
      write(client, Generations.admissionWorkflowId(owner), ADMISSION);
    }
  }

  private static GenerationWorkflow start(WorkflowClient client, String id, String owner) {
    GenerationInput input = ScriptedPipeline.input(id, 4, owner, 1);
    GenerationWorkflow workflow =
        client.newWorkflowStub(GenerationWorkflow.class, Generations.workflowOptions(input));
    WorkflowClient.start(workflow::generate, input);
    return workflow;
  }

  private static void await(GenerationWorkflow workflow, Predicate<GenerationSnapshot> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.test(workflow.progress(0).snapshot())) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static void write(WorkflowClient client, String workflowId, String name)
      throws Exception {
    Path file = HISTORIES.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, client.fetchHistory(workflowId).toJson(true), StandardCharsets.UTF_8);
  }
}
