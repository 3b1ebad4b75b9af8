package dev.reelsmith.api.durability;

import static dev.reelsmith.api.durability.Durability.GENERATION_TIMEOUT;
import static dev.reelsmith.api.durability.Durability.awaitState;
import static dev.reelsmith.api.durability.Durability.brief;
import static dev.reelsmith.api.durability.RenderLog.Event.FAILED;
import static dev.reelsmith.api.durability.RenderLog.Event.FINISHED;
import static dev.reelsmith.api.durability.RenderLog.Event.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.api.ReelsmithProperties.Role;
import dev.reelsmith.api.TestAccounts;
import dev.reelsmith.api.durability.ProgressStream.Update;
import dev.reelsmith.api.testing.BrowserTests;
import dev.reelsmith.api.testing.ReelsmithClient;
import dev.reelsmith.workflows.GenerationSearchAttributes;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import dev.reelsmith.workflows.messages.Status;
import dev.reelsmith.workflows.messages.Step;
import io.temporal.common.SearchAttributeKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Generations against a real Temporal server ({@link TemporalDevServer}, one for the class) and
 * Reelsmith in processes of its own ({@link ReelsmithProcess}) that the tests kill, retry, reset
 * and run side by side. The server restart has a class of its own, {@link
 * TemporalServerRestartTest}.
 *
 * <p>Only one test's Reelsmith processes may run at a time, or they would take each other's tasks.
 * The tests that kill a process or need several start their own, in a data dir of their own, and
 * stop them afterwards; the others share one ordinary process, which is stopped before a test that
 * needs the server to itself. The order below only saves starting that process more than once, a
 * good half minute each on a busy machine.
 *
 * <p>Renders are counted across processes by the {@link RenderLog}; ads for {@link
 * InstrumentedReelsmith#FAILS_ONCE} products fail once at scene 2.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DurableGenerationsTest {

  private static final Duration SLOW_RENDER = Duration.ofSeconds(3);

  @TempDir static Path temporalState;
  private static TemporalDevServer temporal;

  @TempDir static Path sharedData;
  private static ReelsmithProcess shared;

  @TempDir Path data;
  @TempDir Path scratch;
  private final List<ReelsmithProcess> processes = new ArrayList<>();

  @BeforeAll
  static void startTemporal() {
    temporal = TemporalDevServer.start("temporal-durable-generations", temporalState);
  }

  @AfterAll
  static void stopTemporal() {
    stopTheSharedProcess();
    if (temporal != null) {
      temporal.close();
    }
  }

  @AfterEach
  void stopReelsmith() {
    processes.forEach(ReelsmithProcess::close);
  }

  @Test
  @Order(1)
  void generationCompletesAfterReelsmithIsKilledWhileScenesRender() throws Exception {
    ReelsmithProcess first = startAlone(reelsmith("killed-first").renderDelay(SLOW_RENDER));
    String id = first.client().create(scratch, brief("Aurora Cold Brew", 3));
    RenderLog renders = first.renders();
    ProgressStream before = ProgressStream.open(first.port(), id, 0);
    await(
        "a scene rendering after one has finished, and updates streamed",
        () ->
            !renders.scenes(id, FINISHED).isEmpty()
                && renders.scenes(id, STARTED).size() > renders.scenes(id, FINISHED).size()
                && before.lastEventId() > 0);

    first.kill();

    Set<Integer> finishedBeforeTheKill = renders.scenes(id, FINISHED);
    Set<Integer> renderingWhenKilled = new TreeSet<>(renders.scenes(id, STARTED));
    renderingWhenKilled.removeAll(finishedBeforeTheKill);
    assertThat(finishedBeforeTheKill).as("scenes finished when killed").hasSizeBetween(1, 2);
    assertThat(renderingWhenKilled).as("scenes rendering when killed").isNotEmpty();
    assertThat(before.awaitEnd(Duration.ofMinutes(1)))
        .as("the stream of the killed process is cut off, not closed")
        .isNotNull();
    long lastSeen = before.lastEventId();

    ReelsmithProcess second = startAlone(reelsmith("killed-second"));
    ProgressStream after = ProgressStream.open(second.port(), id, lastSeen);
    assertThat(after.awaitEnd(GENERATION_TIMEOUT))
        .as("the new process closes the stream after the terminal update")
        .isNull();
    List<Update> seen = new ArrayList<>(before.updates());
    seen.addAll(after.updates());
    assertThat(seen)
        .extracting(Update::seq)
        .as("every update exactly once across the reconnection (resumed after %d)", lastSeen)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, seen.size()).boxed().toList());
    assertThat(seen.get(seen.size() - 1).completesTheGeneration()).isTrue();

    GenerationSnapshot done =
        awaitState(second.client(), id, s -> s.status() != Status.IN_PROGRESS);
    assertThat(done.status()).as("error: %s", done.error()).isEqualTo(Status.COMPLETED);
    assertThat(data.resolve(id).resolve(MediaLayout.FINAL_VIDEO)).isNotEmptyFile();
    for (int scene : finishedBeforeTheKill) {
      assertThat(renders.count(id, scene, STARTED))
          .as("renders of scene %d, finished before the kill: %s", scene, renders)
          .isOne();
    }
    assertThat(renders.scenes(id, FINISHED)).containsExactly(1, 2, 3);
    assertThat(renders.entries(id))
        .as("the scenes cut off by the kill are rendered again by the new process")
        .filteredOn(entry -> entry.event() == FINISHED)
        .filteredOn(entry -> renderingWhenKilled.contains(entry.scene()))
        .extracting(RenderLog.Entry::process)
        .containsOnly("killed-second");
  }

  @Test
  @Order(3)
  void failedGenerationCompletesAfterRetryThroughTheApi() throws Exception {
    ReelsmithProcess reelsmith = sharedProcess();
    ReelsmithClient client = reelsmith.client();
    String id = client.create(scratch, brief(InstrumentedReelsmith.FAILS_ONCE + " Umbrella", 3));
    awaitFailureAtTheFailingScene(client, id);

    client
        .http()
        .post()
        .uri("/api/master-mode/generations/{id}/retry", id)
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.ACCEPTED);

    GenerationSnapshot done = awaitState(client, id, s -> s.status() != Status.IN_PROGRESS);
    assertThat(done.status()).as("error: %s", done.error()).isEqualTo(Status.COMPLETED);
    assertThat(done.attempt()).isEqualTo(2);
    assertOnlyTheFailedSceneRenderedAgain(reelsmith, id);
    assertTheStreamReportsCompletion(reelsmith, id, 0);
  }

  /**
   * An operator's way out: {@code temporal workflow reset} to the first workflow task replays the
   * generation from its start in a new run. The activities find the steps the failed run finished
   * in the manifest, so only the failed scene is rendered again, and the API, which follows the
   * workflow id's latest run, reports the new run.
   */
  @Test
  @Order(4)
  void failedGenerationCompletesAfterAWorkflowReset() throws Exception {
    ReelsmithProcess reelsmith = sharedProcess();
    ReelsmithClient client = reelsmith.client();
    String id = client.create(scratch, brief(InstrumentedReelsmith.FAILS_ONCE + " Boots", 3));
    GenerationSnapshot failed = awaitFailureAtTheFailingScene(client, id);

    temporal.cli(
        "workflow",
        "reset",
        "--namespace",
        "default",
        "--workflow-id",
        Generations.workflowId(id),
        "--type",
        "FirstWorkflowTask",
        "--reason",
        "durability test: a failed generation reset by an operator");

    GenerationSnapshot done = awaitState(client, id, s -> s.status() == Status.COMPLETED);
    assertThat(done.finalVideoPath()).isNotNull();
    assertOnlyTheFailedSceneRenderedAgain(reelsmith, id);
    // A browser that showed the failure resumes after it, and hears the new run complete.
    assertTheStreamReportsCompletion(reelsmith, id, failed.lastSeq());
  }

  @Test
  @Order(2)
  void twoWorkersShareTheScenesOfOneGeneration() throws Exception {
    stopTheSharedProcess();
    List<ReelsmithProcess> started =
        ReelsmithProcess.startAll(
            reelsmith("shared-api").role(Role.API).setting("reelsmith.max-parallel-scenes", 4),
            reelsmith("shared-worker-a").role(Role.WORKER).renderDelay(SLOW_RENDER),
            reelsmith("shared-worker-b").role(Role.WORKER).renderDelay(SLOW_RENDER));
    processes.addAll(started);
    ReelsmithClient client = started.get(0).client();
    String id = client.create(scratch, brief("Aurora Cold Brew", 4));

    GenerationSnapshot done = awaitState(client, id, s -> s.status() != Status.IN_PROGRESS);

    assertThat(done.status()).as("error: %s", done.error()).isEqualTo(Status.COMPLETED);
    RenderLog renders = new RenderLog(data);
    for (int scene = 1; scene <= 4; scene++) {
      assertThat(renders.count(id, scene, STARTED)).as("scene %d: %s", scene, renders).isOne();
      assertThat(renders.count(id, scene, FINISHED)).as("scene %d: %s", scene, renders).isOne();
    }
    assertThat(renders.processes(id, FINISHED))
        .as("who rendered: %s", renders)
        .containsExactly("shared-worker-a", "shared-worker-b");
  }

  @Test
  @Order(5)
  void temporalWebShowsTheGenerationWithItsSearchAttributes() throws Exception {
    ReelsmithProcess reelsmith = sharedProcess();
    String id = reelsmith.client().create(scratch, brief("Aurora Cold Brew", 3));
    GenerationSnapshot done =
        awaitState(reelsmith.client(), id, s -> s.status() != Status.IN_PROGRESS);
    assertThat(done.status()).as("error: %s", done.error()).isEqualTo(Status.COMPLETED);

    BrowserTests.run(
        "temporal-web.e2e.ts",
        Map.of(
            "TEMPORAL_WEB_URL", temporal.web().toString(),
            "TEMPORAL_WORKFLOW_ID", Generations.workflowId(id),
            "TEMPORAL_SEARCH_ATTRIBUTES",
                GenerationSearchAttributes.ALL.stream()
                    .map(SearchAttributeKey::getName)
                    .collect(Collectors.joining(",")),
            "REELSMITH_USER", TestAccounts.USER),
        Duration.ofMinutes(10));
    assertThat(BrowserTests.screenshots())
        .as("screenshots in " + BrowserTests.screenshotFolder())
        .contains(
            "temporal-web-generation.png",
            "temporal-web-search-attributes.png",
            "temporal-web-list.png");
  }

  /**
   * With a real server the history list comes from Temporal's visibility store (a query on the
   * owner's search attribute), not from the manifests: it shows the owner's generation once, and
   * nobody else's.
   */
  @Test
  @Order(6)
  void historyListsTheOwnersGenerationsFromTemporalVisibility() throws Exception {
    ReelsmithClient client = sharedProcess().client();
    String id = client.create(scratch, brief("Visible Granola", 3));
    client.awaitCompleted(id);

    await("the history to list " + id, () -> history(client.http()).contains(id));
    String mine = history(client.http());
    assertThat(mine).contains("\"product_name\":\"Visible Granola\"");
    assertThat(mine.split("\"generation_id\":\"" + id + "\"", -1)).hasSize(2);
    assertThat(
            history(
                TestAccounts.as(
                    client.http(), TestAccounts.OTHER_USER, TestAccounts.OTHER_PASSWORD)))
        .doesNotContain(id)
        .contains("\"total\":0");
  }

  // ------------------------------------------------------------------ helpers

  private ReelsmithProcess.Builder reelsmith(String name) {
    return ReelsmithProcess.named(name).temporal(temporal).data(data);
  }

  /** Starts a process of this test's own, with no other test's process running. */
  private ReelsmithProcess startAlone(ReelsmithProcess.Builder builder)
      throws InterruptedException {
    stopTheSharedProcess();
    ReelsmithProcess process = builder.start();
    processes.add(process);
    return process;
  }

  /** The ordinary process the tests that need nothing else share, started when first needed. */
  private static ReelsmithProcess sharedProcess() throws InterruptedException {
    if (shared == null) {
      shared = ReelsmithProcess.named("shared").temporal(temporal).data(sharedData).start();
    }
    return shared;
  }

  private static String history(WebTestClient http) {
    return http.get()
        .uri("/api/master-mode/generations?size=100")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  private static void stopTheSharedProcess() {
    if (shared != null) {
      shared.close();
      shared = null;
    }
  }

  private GenerationSnapshot awaitFailureAtTheFailingScene(ReelsmithClient client, String id)
      throws InterruptedException {
    GenerationSnapshot failed = awaitState(client, id, s -> s.status() != Status.IN_PROGRESS);
    assertThat(failed.status()).isEqualTo(Status.FAILED);
    assertThat(failed.error().step()).isEqualTo(Step.VIDEOS);
    assertThat(failed.error().scene()).isEqualTo(InstrumentedReelsmith.FAILING_SCENE);
    return failed;
  }

  /** Scene 2 twice (failed, then finished), every other scene once. */
  private static void assertOnlyTheFailedSceneRenderedAgain(ReelsmithProcess reelsmith, String id) {
    RenderLog renders = reelsmith.renders();
    for (int scene = 1; scene <= 3; scene++) {
      boolean failing = scene == InstrumentedReelsmith.FAILING_SCENE;
      assertThat(renders.count(id, scene, STARTED))
          .as("starts of scene %d: %s", scene, renders)
          .isEqualTo(failing ? 2 : 1);
      assertThat(renders.count(id, scene, FAILED)).isEqualTo(failing ? 1 : 0);
      assertThat(renders.count(id, scene, FINISHED)).isOne();
    }
    assertThat(reelsmith.data().resolve(id).resolve(MediaLayout.FINAL_VIDEO)).isNotEmptyFile();
  }

  /**
   * A client that has seen the updates up to {@code lastSeen} gets the rest, numbered on from there
   * without a gap, ending with the update that completes the generation, after which the server
   * closes the stream.
   */
  private static void assertTheStreamReportsCompletion(
      ReelsmithProcess reelsmith, String id, long lastSeen) throws InterruptedException {
    try (ProgressStream stream = ProgressStream.open(reelsmith.port(), id, lastSeen)) {
      assertThat(stream.awaitEnd(Duration.ofMinutes(1))).as("closed by the server").isNull();
      List<Update> updates = stream.updates();
      assertThat(updates)
          .extracting(Update::seq)
          .as("after %d", lastSeen)
          .containsExactlyElementsOf(
              LongStream.rangeClosed(lastSeen + 1, lastSeen + updates.size()).boxed().toList());
      assertThat(updates).isNotEmpty();
      assertThat(updates.get(updates.size() - 1).completesTheGeneration()).isTrue();
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + GENERATION_TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
