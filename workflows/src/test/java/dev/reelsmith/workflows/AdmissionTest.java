package dev.reelsmith.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;

import dev.reelsmith.workflows.messages.AdmissionRequest;
import dev.reelsmith.workflows.messages.AdmissionState;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationResult;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import dev.reelsmith.workflows.messages.ProgressUpdate;
import dev.reelsmith.workflows.messages.Status;
import dev.reelsmith.workflows.messages.Step;
import dev.reelsmith.workflows.testing.ScriptedPipeline;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-user limits: one owner's generations beyond the limit wait their turn, in order. */
class AdmissionTest {

  private static final String ALICE = "alice";
  private static final String BOB = "bob";

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private ScriptedPipeline activities;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    activities = new ScriptedPipeline();
    GenerationSearchAttributes.registerWith(env::registerSearchAttribute);
    GenerationWorkers.register(env.getWorkerFactory(), 8, activities);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stopEnvironment() {
    activities.heldGenerations.values().forEach(CountDownLatch::countDown);
    env.close();
  }

  /** A started generation; {@link #release} lets its renders finish when it was started held. */
  private record Generation(String id, GenerationWorkflow workflow) {}

  private Generation start(String owner, int limit, boolean held) {
    String id = Generations.newId();
    if (held) {
      activities.heldGenerations.put(id, new CountDownLatch(1));
    }
    GenerationInput input = ScriptedPipeline.input(id, 3, owner, limit);
    GenerationWorkflow workflow =
        client.newWorkflowStub(GenerationWorkflow.class, Generations.workflowOptions(input));
    WorkflowClient.start(workflow::generate, input);
    return new Generation(id, workflow);
  }

  private void release(Generation generation) {
    activities.heldGenerations.get(generation.id()).countDown();
  }

  private GenerationResult result(Generation generation) {
    return WorkflowStub.fromTyped(generation.workflow()).getResult(GenerationResult.class);
  }

  /** Polls the query (in real time, so no timer fires meanwhile) until the snapshot matches. */
  private static GenerationSnapshot await(
      Generation generation, Predicate<GenerationSnapshot> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    GenerationSnapshot snapshot = generation.workflow().progress(0).snapshot();
    while (!condition.test(snapshot)) {
      assertThat(System.nanoTime()).as("waiting for %s", snapshot).isLessThan(deadline);
      Thread.sleep(20);
      snapshot = generation.workflow().progress(0).snapshot();
    }
    return snapshot;
  }

  private static GenerationSnapshot awaitRendering(Generation generation) throws Exception {
    return await(generation, s -> s.step() == Step.VIDEOS);
  }

  private static GenerationSnapshot awaitQueued(Generation generation, String message)
      throws Exception {
    return await(generation, s -> s.message().equals(message));
  }

  private AdmissionState admission(String owner) {
    return client
        .newWorkflowStub(AdmissionWorkflow.class, Generations.admissionWorkflowId(owner))
        .state();
  }

  private static List<String> ids(List<AdmissionRequest> requests) {
    return requests.stream().map(r -> Generations.generationId(r.workflowId())).toList();
  }

  @Test
  void runsAtMostTheOwnersLimitAndStartsTheOthersInTheOrderTheyCame() throws Exception {
    Generation first = start(ALICE, 2, true);
    awaitRendering(first);
    Generation second = start(ALICE, 2, true);
    awaitRendering(second);
    Generation third = start(ALICE, 2, true);
    GenerationSnapshot queued =
        awaitQueued(
            third, "Queued: 2 of your generations are running; this one starts when one finishes");
    Generation fourth = start(ALICE, 2, true);
    awaitQueued(
        fourth,
        "Queued: 2 of your generations are running and 1 waits ahead of this one;"
            + " it starts when its turn comes");

    assertThat(queued.step()).isEqualTo(Step.INIT);
    assertThat(queued.progress()).isZero();
    assertThat(queued.status()).isEqualTo(Status.IN_PROGRESS);
    assertThat(queued.images()).isEmpty();
    AdmissionState state = admission(ALICE);
    assertThat(ids(state.running())).containsExactly(first.id(), second.id());
    assertThat(ids(state.waiting())).containsExactly(third.id(), fourth.id());

    release(first);
    assertThat(result(first).status()).isEqualTo(Status.COMPLETED);
    awaitRendering(third);
    awaitQueued(
        fourth, "Queued: 2 of your generations are running; this one starts when one finishes");
    state = admission(ALICE);
    assertThat(ids(state.running())).containsExactly(second.id(), third.id());
    assertThat(ids(state.waiting())).containsExactly(fourth.id());

    List.of(second, third, fourth).forEach(this::release);
    for (Generation generation : List.of(second, third, fourth)) {
      assertThat(result(generation).status()).isEqualTo(Status.COMPLETED);
    }
    assertThat(third.workflow().progress(0).updates())
        .extracting(ProgressUpdate::step, ProgressUpdate::progress, ProgressUpdate::message)
        .startsWith(
            tuple(Step.INIT, 0, "Starting generation..."),
            tuple(
                Step.INIT,
                0,
                "Queued: 2 of your generations are running; this one starts when one finishes"),
            tuple(Step.UPLOAD, 5, "Saving reference images..."));
    assertThat(admission(ALICE).running()).isEmpty();
  }

  @Test
  void anotherOwnersGenerationDoesNotWait() throws Exception {
    Generation alices = start(ALICE, 1, true);
    awaitRendering(alices);

    Generation bobs = start(BOB, 1, false);

    assertThat(result(bobs).status()).isEqualTo(Status.COMPLETED);
    assertThat(alices.workflow().progress(0).snapshot().status()).isEqualTo(Status.IN_PROGRESS);
    release(alices);
    assertThat(result(alices).status()).isEqualTo(Status.COMPLETED);
  }

  @Test
  void aFailedGenerationGivesItsSlotBackAndItsRetryQueuesAgain() throws Exception {
    activities.permanentFailures.put(2, "the provider refused the prompt");
    Generation failing = start(ALICE, 1, false);
    GenerationSnapshot failed = await(failing, s -> s.status() == Status.FAILED);
    activities.permanentFailures.clear();

    Generation next = start(ALICE, 1, true);
    awaitRendering(next);
    failing.workflow().retry();
    GenerationSnapshot requeued =
        awaitQueued(
            failing, "Queued: 1 of your generations is running; this one starts when one finishes");

    assertThat(requeued.step()).isEqualTo(Step.VIDEOS);
    assertThat(requeued.progress()).isEqualTo(failed.progress());
    assertThat(requeued.status()).isEqualTo(Status.IN_PROGRESS);
    release(next);
    assertThat(result(next).status()).isEqualTo(Status.COMPLETED);
    assertThat(result(failing).status()).isEqualTo(Status.COMPLETED);
    assertThat(activities.renders(1)).isEqualTo(2);
  }

  @Test
  void cancellingAGenerationGivesUpItsPlaceOrItsSlot() throws Exception {
    Generation running = start(ALICE, 1, true);
    awaitRendering(running);
    Generation waiting = start(ALICE, 1, true);
    awaitQueued(
        waiting, "Queued: 1 of your generations is running; this one starts when one finishes");
    Generation last = start(ALICE, 1, true);
    awaitQueued(
        last,
        "Queued: 1 of your generations is running and 1 waits ahead of this one;"
            + " it starts when its turn comes");

    waiting.workflow().cancel();
    assertThat(result(waiting).status()).isEqualTo(Status.CANCELLED);
    awaitQueued(
        last, "Queued: 1 of your generations is running; this one starts when one finishes");
    assertThat(ids(admission(ALICE).waiting())).containsExactly(last.id());

    running.workflow().cancel();
    assertThat(result(running).status()).isEqualTo(Status.CANCELLED);
    awaitRendering(last);
    assertThat(ids(admission(ALICE).running())).containsExactly(last.id());
    release(last);
    assertThat(result(last).status()).isEqualTo(Status.COMPLETED);
  }

  /**
   * An operator terminates a generation that holds a slot: it never gives the slot back, so the
   * admission workflow finds out that it ended when the next generation would have to wait.
   */
  @Test
  void theSlotOfAGenerationThatWasTerminatedGoesToTheNextInLine() throws Exception {
    Generation terminated = start(ALICE, 1, true);
    awaitRendering(terminated);
    WorkflowStub.fromTyped(terminated.workflow()).terminate("stopped by an operator");
    release(terminated);

    Generation next = start(ALICE, 1, false);

    assertThat(result(next).status()).isEqualTo(Status.COMPLETED);
    assertThat(next.workflow().progress(0).updates())
        .extracting(ProgressUpdate::message)
        .noneMatch(message -> message.startsWith("Queued"));
  }

  /** Generations started together ask for their slots together; none may be turned away. */
  @Test
  void aBurstOfOneOwnersSlotRequestsIsAllTakenAtOnce() throws Exception {
    AdmissionActivities admission = new AdmissionActivitiesImpl(client);
    int burst = 10;
    CyclicBarrier together = new CyclicBarrier(burst);
    ExecutorService requesters = Executors.newFixedThreadPool(burst);
    List<Future<?>> requests = new ArrayList<>();
    for (int i = 0; i < burst; i++) {
      AdmissionRequest request =
          new AdmissionRequest(Generations.workflowId(Generations.newId()), "ticket-" + i, 2);
      requests.add(
          requesters.submit(
              () -> {
                together.await();
                admission.requestSlot(ALICE, request);
                return null;
              }));
    }
    try {
      for (Future<?> request : requests) {
        assertThatCode(() -> request.get(30, TimeUnit.SECONDS)).doesNotThrowAnyException();
      }
    } finally {
      requesters.shutdownNow();
    }
  }
}
