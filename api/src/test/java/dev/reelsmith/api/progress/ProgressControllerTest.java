package dev.reelsmith.api.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.testing.TestImages;
import dev.reelsmith.api.TestAccounts;
import dev.reelsmith.api.generations.GenerationManifests;
import dev.reelsmith.api.testing.AppTest;
import dev.reelsmith.workflows.Briefs;
import dev.reelsmith.workflows.GenerationWorkflow;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The progress endpoint of the running application: embedded Temporal, the local providers, real
 * renders. One generation is made and watched by two clients (one of them reconnecting halfway);
 * the other tests look at what they saw, or start what they need.
 */
@AppTest(properties = {"reelsmith.poll-interval=100ms", "reelsmith.heartbeat-interval=1s"})
class ProgressControllerTest {

  private static final String BRIEF =
      """
      {"product_name": "Aurora Cold Brew",
       "description": "Slow-steeped cold brew coffee in a recyclable glass bottle.",
       "duration_seconds": 15, "aspect_ratio": "16:9", "resolution": "720p", "scene_count": 3}
      """;

  private static final String PROGRESS = "/api/master-mode/progress/{id}";

  /** The seq after which the reconnecting client drops its connection. */
  private static final int DROPPED_AFTER = 5;

  @TempDir static Path dir;

  /** What the clients of the one generation watched from start to end saw. */
  private static Watched watched;

  @Autowired private WebTestClient webTestClient;
  @Autowired private MeterRegistry meters;
  @Autowired private WorkflowClient workflowClient;
  @Autowired private JsonMapper json;
  @Autowired private GenerationManifests manifests;

  private WebTestClient client;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("reelsmith.data-dir", () -> dir.resolve("data").toString());
  }

  @BeforeEach
  void patientClient() {
    client = webTestClient.mutate().responseTimeout(Duration.ofMinutes(3)).build();
  }

  /** The raw stream of the client that watched from the start, and the two halves of the other. */
  private record Watched(String generationId, List<Sse> whole, List<Sse> before, List<Sse> after) {

    long lastSeq() {
      return Long.parseLong(whole.get(whole.size() - 1).id());
    }
  }

  /** One event as it was on the wire. */
  private record Sse(String id, String event, String retry, String data, List<String> comments) {}

  @Test
  void streamsEveryUpdateOfTheProductTableOnceInOrderThenCloses() {
    List<Sse> updates = watched().whole().stream().filter(e -> e.data() != null).toList();

    assertThat(watched().whole()).allSatisfy(e -> assertThat(e.event()).isNull());
    assertThat(updates).hasSize(15);
    assertThat(updates.get(0).retry()).isEqualTo("3000");
    List<JsonNode> data = updates.stream().map(e -> json.readTree(e.data())).toList();
    for (int i = 0; i < updates.size(); i++) {
      assertThat(updates.get(i).id()).isEqualTo(Integer.toString(i + 1));
      assertThat(data.get(i).get("seq").asLong()).isEqualTo(i + 1);
    }
    assertThat(data)
        .extracting(
            u ->
                u.get("step").asString()
                    + " "
                    + u.get("status").asString()
                    + " "
                    + u.get("progress").asInt()
                    + " "
                    + u.get("message").asString().replaceAll("\\d+/100", "X/100"))
        .containsExactly(
            "init in_progress 0 Starting generation...",
            "upload in_progress 5 Saving reference images...",
            "upload completed 10 Saved 2 reference images",
            "story in_progress 15 Generating story with vision-enhanced AI...",
            "story completed 30 Story generated (score: X/100)",
            "scenes in_progress 35 Generating detailed scenes...",
            "scenes completed 55 Generated 3 scenes (cohesion: X/100)",
            "video_params in_progress 60 Preparing video generation parameters...",
            "video_params completed 65 Prepared 3 video generation parameter sets",
            "videos in_progress 70 Generating scene videos (may take several minutes)...",
            "videos in_progress 77 Scene 1 of 3 rendered",
            "videos in_progress 83 Scene 2 of 3 rendered",
            "videos in_progress 90 Scene 3 of 3 rendered",
            "videos completed 95 Videos generated and stitched successfully!",
            "complete completed 100 Generation complete!");
    assertThat(data)
        .extracting(u -> u.get("data").get("scene_videos").size())
        .containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 3, 3);
    assertThat(data.get(14).get("data").get("final_video_path").asString()).endsWith("/final.mp4");
    List<Sse> whole = watched().whole();
    assertThat(whole.get(whole.size() - 1).data()).contains("Generation complete!");
  }

  @Test
  void aClientThatReconnectsWithLastEventIdGetsEachUpdateExactlyOnce() {
    List<String> resumed = new ArrayList<>(ids(watched().before()));
    resumed.addAll(ids(watched().after()));

    assertThat(ids(watched().before())).hasSize(DROPPED_AFTER);
    assertThat(resumed).isEqualTo(ids(watched().whole()));
  }

  @Test
  void aFinishedGenerationReplaysFromMemoryAfterLastEventId() {
    double queries = queries();

    List<Sse> tail = readAll(watched().generationId(), "9");

    assertThat(ids(tail)).containsExactly("10", "11", "12", "13", "14", "15");
    assertThat(tail.get(0).retry()).isEqualTo("3000");
    assertThat(queries()).as("no query once the workflow has ended").isEqualTo(queries);
  }

  @Test
  void answers204ToAClientThatHasSeenTheTerminalUpdate() {
    String id = watched().generationId();
    for (long seen : new long[] {watched().lastSeq(), watched().lastSeq() + 3}) {
      client
          .get()
          .uri(PROGRESS, id)
          .accept(MediaType.TEXT_EVENT_STREAM)
          .header("Last-Event-ID", Long.toString(seen))
          .exchange()
          .expectStatus()
          .isNoContent()
          .expectBody()
          .isEmpty();
    }
  }

  @Test
  void answers404ProblemAtOnceForAGenerationThatDoesNotExist() {
    for (String id : List.of(Generations.newId(), "not-a-generation")) {
      client
          .get()
          .uri(PROGRESS, id)
          .accept(MediaType.TEXT_EVENT_STREAM)
          .exchange()
          .expectStatus()
          .isNotFound()
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo(404)
          .jsonPath("$.detail")
          .isEqualTo("There is no generation " + id + ".");
    }
  }

  @Test
  void twoClientsOfOneGenerationCostTheQueriesOfOne() throws Exception {
    String id = startGeneration();
    awaitTrue("no other generation is polled", () -> gauge("reelsmith.progress.pollers") == 0);
    List<Disposable> clients = new ArrayList<>();
    try {
      clients.add(subscribe(id));
      awaitTrue("the first client is served", () -> gauge("reelsmith.progress.pollers") == 1);
      double one = queriesDuring(Duration.ofSeconds(3));

      clients.add(subscribe(id));
      awaitTrue("both clients are served", () -> gauge("reelsmith.progress.subscribers") == 2);
      double two = queriesDuring(Duration.ofSeconds(3));

      assertThat(gauge("reelsmith.progress.pollers")).isEqualTo(1);
      // 100 ms between polls: at most ~30 queries in 3 s, whoever listens.
      assertThat(two).isLessThanOrEqualTo(33).isLessThan(one * 1.5 + 3);
    } finally {
      clients.forEach(Disposable::dispose);
      client
          .post()
          .uri("/api/master-mode/generations/{id}/cancel", id)
          .exchange()
          .expectStatus()
          .isAccepted();
    }
    awaitTrue("polling stops without clients", () -> gauge("reelsmith.progress.pollers") == 0);
  }

  @Test
  void saysItIsWaitingForAWorkerAndKeepsTheStreamAliveWhenNoWorkerAnswers() throws Exception {
    String id = Generations.newId();
    GenerationInput input =
        new GenerationInput(
            id, Briefs.parse(BRIEF), List.of(), GenerationSettings.DEFAULTS, TestAccounts.USER);
    manifests.create(input);
    // The workflow exists but nobody polls its queue: every query times out.
    GenerationWorkflow unserved =
        workflowClient.newWorkflowStub(
            GenerationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(Generations.workflowId(id))
                .setTaskQueue("reelsmith-progress-test-no-worker")
                .build());
    WorkflowClient.start(unserved::generate, input);
    try {
      List<ServerSentEvent<String>> events =
          client
              .get()
              .uri(PROGRESS, id)
              .accept(MediaType.TEXT_EVENT_STREAM)
              .exchange()
              .expectStatus()
              .isOk()
              .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
              .getResponseBody()
              .take(3)
              .collectList()
              .block(Duration.ofSeconds(30));

      assertThat(events).hasSize(3);
      ServerSentEvent<String> notice = events.get(0);
      assertThat(notice.id()).isNull();
      assertThat(notice.event()).isNull();
      JsonNode data = json.readTree(notice.data());
      assertThat(data.get("message").asString()).isEqualTo(ProgressFeed.WAITING_FOR_WORKER);
      assertThat(data.get("status").asString()).isEqualTo("in_progress");
      assertThat(data.has("seq")).isFalse();
      assertThat(events.subList(1, 3))
          .allSatisfy(
              beat -> {
                assertThat(beat.comment()).isEqualTo("keep-alive");
                assertThat(beat.data()).isNull();
              });
    } finally {
      workflowClient.newUntypedWorkflowStub(Generations.workflowId(id)).terminate("test over");
    }
  }

  // --- the generation everyone watches --------------------------------------------------------

  private synchronized Watched watched() {
    if (watched == null) {
      String id = startGeneration();
      Mono<List<Sse>> whole = raw(id, null).cache();
      whole.subscribe();
      List<Sse> before =
          client
              .get()
              .uri(PROGRESS, id)
              .accept(MediaType.TEXT_EVENT_STREAM)
              .exchange()
              .expectStatus()
              .isOk()
              .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
              .getResponseBody()
              .filter(event -> event.id() != null)
              .take(DROPPED_AFTER)
              .map(e -> new Sse(e.id(), e.event(), null, e.data(), List.of()))
              .collectList()
              .block(Duration.ofMinutes(1));
      List<Sse> after = readAll(id, Integer.toString(DROPPED_AFTER));
      watched = new Watched(id, whole.block(Duration.ofMinutes(3)), before, after);
    }
    return watched;
  }

  private String startGeneration() {
    MultipartBodyBuilder body = new MultipartBodyBuilder();
    body.part("brief", BRIEF, MediaType.APPLICATION_JSON);
    body.part("images", new FileSystemResource(TestImages.jpegPhoto(dir)));
    body.part("images", new FileSystemResource(TestImages.cutOutPng(dir)));
    String created =
        client
            .post()
            .uri("/api/master-mode/generations")
            .contentType(MediaType.MULTIPART_FORM_DATA)
            .bodyValue(body.build())
            .exchange()
            .expectStatus()
            .isAccepted()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    return json.readTree(created).get("generation_id").asString();
  }

  private List<Sse> readAll(String id, String lastEventId) {
    return raw(id, lastEventId).block(Duration.ofMinutes(3));
  }

  /** The stream as the bytes on the wire, checked for the headers every stream carries. */
  private Mono<List<Sse>> raw(String id, String lastEventId) {
    Consumer<HttpHeaders> lastSeen =
        headers -> {
          if (lastEventId != null) {
            headers.set("Last-Event-ID", lastEventId);
          }
        };
    Flux<DataBuffer> body =
        client
            .get()
            .uri(PROGRESS, id)
            .accept(MediaType.TEXT_EVENT_STREAM)
            .headers(lastSeen)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
            .expectHeader()
            .valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
            .expectHeader()
            .valueEquals("X-Accel-Buffering", "no")
            .returnResult(DataBuffer.class)
            .getResponseBody();
    return DataBufferUtils.join(body)
        .map(
            joined -> {
              String text = joined.toString(StandardCharsets.UTF_8);
              DataBufferUtils.release(joined);
              return parse(text);
            });
  }

  /** Splits an event stream into its events (text/event-stream, as EventSource reads it). */
  private static List<Sse> parse(String text) {
    List<Sse> events = new ArrayList<>();
    for (String block : text.split("\n\n")) {
      if (block.isBlank()) {
        continue;
      }
      String id = null;
      String event = null;
      String retry = null;
      String data = null;
      List<String> comments = new ArrayList<>();
      for (String line : block.split("\n")) {
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
        switch (field) {
          case "" -> comments.add(value);
          case "id" -> id = value;
          case "event" -> event = value;
          case "retry" -> retry = value;
          case "data" -> data = data == null ? value : data + "\n" + value;
          default -> throw new AssertionError("unknown SSE field in: " + line);
        }
      }
      events.add(new Sse(id, event, retry, data, comments));
    }
    return events;
  }

  private static List<String> ids(List<Sse> events) {
    return events.stream().map(Sse::id).filter(id -> id != null).toList();
  }

  private Disposable subscribe(String id) {
    return client
        .get()
        .uri(PROGRESS, id)
        .accept(MediaType.TEXT_EVENT_STREAM)
        .exchange()
        .expectStatus()
        .isOk()
        .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
        .getResponseBody()
        .subscribe();
  }

  private double queriesDuring(Duration window) throws InterruptedException {
    double before = queries();
    Thread.sleep(window.toMillis());
    return queries() - before;
  }

  private double queries() {
    return meters.get("reelsmith.progress.queries").counter().count();
  }

  private double gauge(String name) {
    return meters.get(name).gauge().value();
  }

  private static void awaitTrue(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting until " + what, e);
      }
    }
  }
}
