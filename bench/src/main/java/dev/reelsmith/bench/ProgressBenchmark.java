package dev.reelsmith.bench;

import static dev.reelsmith.bench.Percentiles.percentile;

import dev.reelsmith.workflows.CopyActivities;
import dev.reelsmith.workflows.GenerationWorkers;
import dev.reelsmith.workflows.ImageActivities;
import dev.reelsmith.workflows.RenderActivities;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.FinalAd;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.ImageRef;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.ScenePlan;
import dev.reelsmith.workflows.messages.SceneVideo;
import dev.reelsmith.workflows.messages.Story;
import dev.reelsmith.workflows.testing.ScriptedPipeline;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * The progress stream under load: the whole application in-process on a loopback port (embedded
 * Temporal, real HTTP, real SSE), 20 generations in flight and 1,000 SSE clients spread over them.
 * The pipeline's activities are replaced by slow no-ops (2.5 s each, give or take a fifth) so that
 * the generations stay in flight for about 20 s without rendering anything; the first one is held
 * until every client is connected.
 *
 * <p>Clients and server share one JVM and Reactor Netty's event loops, so latencies include the
 * clients' own work and heap figures include both ends (a bare Netty SSE server measured the same
 * way gives the floor).
 *
 * <p>Run with {@code bench/progress.sh}; it stops by itself within a few minutes.
 */
public final class ProgressBenchmark {

  private static final int WARMUP = 5;
  private static final int GENERATIONS = 20;
  private static final int SUBSCRIBERS = 1000;
  private static final int SCENES = 4;
  private static final Duration STEP = Duration.ofMillis(2500);
  private static final Duration WINDOW = Duration.ofSeconds(5);
  private static final Duration GIVE_UP = Duration.ofMinutes(5);
  private static final Pattern SCENE_RENDERED = Pattern.compile("Scene (\\d+) of \\d+ rendered");

  private ProgressBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path examples = Path.of(args.length > 0 ? args[0] : "examples");
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(GIVE_UP.toMillis());
                System.err.println("progress benchmark: gave up after " + GIVE_UP);
                Runtime.getRuntime().halt(2);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "watchdog");
    watchdog.setDaemon(true);
    watchdog.start();

    Path data = Files.createTempDirectory("reelsmith-progress-bench");
    // The api module's jar is a Spring Boot fat jar, so its classes come from api/target/classes
    // at run time and are named here rather than imported.
    Class<?> application = Class.forName("dev.reelsmith.api.ReelsmithApplication");
    SlowPipeline pipeline = new SlowPipeline(STEP);
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(application)
            .run(
                "--server.address=127.0.0.1",
                "--server.port=0",
                // No worker of its own: the benchmark's worker runs the slow no-ops.
                "--reelsmith.role=api",
                "--reelsmith.data-dir=" + data,
                // All twenty belong to the one local user; none may wait for a slot.
                "--reelsmith.max-running-per-user=" + 2 * GENERATIONS,
                "--logging.level.root=WARN",
                "--logging.level.io.temporal=ERROR")) {
      WorkerFactory workers = WorkerFactory.newInstance(app.getBean(WorkflowClient.class));
      GenerationWorkers.register(workers, 2 * GENERATIONS, pipeline);
      workers.start();
      try {
        new Run(app, pipeline, examples).run();
      } finally {
        workers.shutdownNow();
      }
    } finally {
      deleteRecursively(data);
    }
    System.exit(0);
  }

  /** One run: start the generations, connect the clients, release the pipeline, measure. */
  private static final class Run {

    private final SlowPipeline pipeline;
    private final Path examples;
    private final Counter queries;
    private final Duration pollInterval;
    private final String base;
    private final HttpClient http;
    private final WebClient web;
    private final List<SseClient> clients = new CopyOnWriteArrayList<>();

    Run(ConfigurableApplicationContext app, SlowPipeline pipeline, Path examples) {
      this.pipeline = pipeline;
      this.examples = examples;
      this.queries = app.getBean(MeterRegistry.class).get("reelsmith.progress.queries").counter();
      this.pollInterval =
          app.getEnvironment()
              .getProperty("reelsmith.poll-interval", Duration.class, Duration.ofMillis(250));
      this.base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
      this.http = HttpClient.create(ConnectionProvider.newConnection()).baseUrl(base);
      this.web = WebClient.create(base);
    }

    void run() throws Exception {
      // 0. Warm-up: a few generations, watched until their first event, then cancelled.
      for (int i = 0; i < WARMUP; i++) {
        String id = create();
        SseClient client = new SseClient(id, false);
        client.connect(http, "/api/master-mode/progress/" + id);
        await("a warm-up client hears of its generation", () -> client.lastSeq >= 2, GIVE_UP);
        client.close();
        web.post()
            .uri("/api/master-mode/generations/{id}/cancel", id)
            .retrieve()
            .toBodilessEntity()
            .block(Duration.ofSeconds(30));
      }

      // 1. Twenty generations, each followed at once by its first client.
      List<String> generations = new ArrayList<>();
      Map<String, Long> posted = new HashMap<>();
      Map<String, Long> accepted = new HashMap<>();
      for (int i = 0; i < GENERATIONS; i++) {
        long start = System.nanoTime();
        String id = create();
        accepted.put(id, System.nanoTime());
        posted.put(id, start);
        generations.add(id);
        connect(id, true);
      }
      await("every first client hears of its generation", () -> allHave(2), Duration.ofSeconds(60));
      double[] firstEvent =
          clients.stream()
              .mapToDouble(c -> (c.firstEventAt - posted.get(c.generationId)) / 1e6)
              .sorted()
              .toArray();
      double[] upload =
          clients.stream()
              .mapToDouble(c -> (accepted.get(c.generationId) - posted.get(c.generationId)) / 1e6)
              .sorted()
              .toArray();

      // 2. Idle: all generations wait at their first activity.
      long heapWith20 = heapAfterGc();
      double idleRate20 = queriesPerSecond(WINDOW);
      long connectStart = System.nanoTime();
      for (int i = GENERATIONS; i < SUBSCRIBERS; i++) {
        connect(generations.get(i % GENERATIONS), false);
        if (i % 100 == 0) {
          Thread.sleep(20);
        }
      }
      await("every client is connected", () -> allHave(2), Duration.ofSeconds(60));
      double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
      long heapWith1000 = heapAfterGc();
      double idleRate1000 = queriesPerSecond(WINDOW);

      // 3. Busy: the pipeline runs; each generation sends 14 more updates to 50 clients.
      long released = System.nanoTime();
      pipeline.release.countDown();
      Thread.sleep(1000);
      double busyRate = queriesPerSecond(Duration.ofSeconds(10));
      await("every stream has closed", () -> allClosed(), Duration.ofSeconds(120));
      double busySeconds = (System.nanoTime() - released) / 1e9;
      int errors = (int) clients.stream().filter(c -> c.failed).count();
      List<Double> endToEnd = new ArrayList<>();
      List<Double> fanOut = new ArrayList<>();
      latencies(endToEnd, fanOut);
      clients.forEach(SseClient::close);

      // 4. The floor: the same number of idle clients on a bare Reactor Netty SSE server.
      long bareGrowth = bareServerGrowth(SUBSCRIBERS - GENERATIONS);

      double ceiling = GENERATIONS * 1000.0 / pollInterval.toMillis();
      double perThousand = (heapWith1000 - heapWith20) * 1000.0 / (SUBSCRIBERS - GENERATIONS);
      double barePerThousand = bareGrowth * 1000.0 / (SUBSCRIBERS - GENERATIONS);
      System.out.printf(
          Locale.ROOT,
          "progress: %d generations in flight, %d SSE clients (%d each), poll %d ms,"
              + " in-process app on loopback%n"
              + "  workflow queries/s: %.1f idle with %d clients, %.1f idle with %d clients,"
              + " %.1f while all run (ceiling %d generations x %.0f/s = %.0f/s)%n"
              + "  progress latency, activity done -> client has the update (n=%d):"
              + " p50 %.0f ms, p99 %.0f ms, max %.0f ms%n"
              + "  fan-out, first client has it -> each client has it: p50 %.1f ms, p99 %.1f ms%n"
              + "  POST -> first SSE event (n=%d, after %d warm-up generations):"
              + " p50 %.0f ms, p90 %.0f ms, max %.0f ms (of which POST -> 202: p50 %.0f ms)%n"
              + "  heap growth per 1,000 idle clients: %.1f MB, clients and server in one JVM"
              + " (bare Netty SSE server, same clients: %.1f MB)%n"
              + "  %d clients connected in %.1f s; all streams closed %.1f s after release;"
              + " %d stream errors%n",
          GENERATIONS,
          SUBSCRIBERS,
          SUBSCRIBERS / GENERATIONS,
          pollInterval.toMillis(),
          idleRate20,
          GENERATIONS,
          idleRate1000,
          SUBSCRIBERS,
          busyRate,
          GENERATIONS,
          1000.0 / pollInterval.toMillis(),
          ceiling,
          endToEnd.size(),
          percentile(endToEnd, 50),
          percentile(endToEnd, 99),
          percentile(endToEnd, 100),
          percentile(fanOut, 50),
          percentile(fanOut, 99),
          firstEvent.length,
          WARMUP,
          firstEvent[firstEvent.length / 2],
          firstEvent[firstEvent.length * 9 / 10],
          firstEvent[firstEvent.length - 1],
          upload[upload.length / 2],
          perThousand / (1024 * 1024),
          barePerThousand / (1024 * 1024),
          SUBSCRIBERS - GENERATIONS,
          connectSeconds,
          busySeconds,
          errors);
    }

    private String create() throws IOException {
      MultipartBodyBuilder body = new MultipartBodyBuilder();
      body.part(
          "brief",
          """
          {"product_name": "Aurora Cold Brew", "description": "Slow-steeped cold brew.",
           "duration_seconds": 30, "scene_count": %d}
          """
              .formatted(SCENES),
          MediaType.APPLICATION_JSON);
      body.part("images", new FileSystemResource(examples.resolve("bottle.jpg")));
      body.part("images", new FileSystemResource(examples.resolve("pour.jpg")));
      String created =
          web.post()
              .uri("/api/master-mode/generations")
              .contentType(MediaType.MULTIPART_FORM_DATA)
              .bodyValue(body.build())
              .retrieve()
              .bodyToMono(String.class)
              .block(Duration.ofSeconds(30));
      Matcher id = Pattern.compile("\"generation_id\":\"([^\"]+)\"").matcher(created);
      if (!id.find()) {
        throw new IOException("no generation id in " + created);
      }
      return id.group(1);
    }

    private void connect(String generationId, boolean keepMessages) {
      SseClient client = new SseClient(generationId, keepMessages);
      clients.add(client);
      client.connect(http, "/api/master-mode/progress/" + generationId);
    }

    private boolean allHave(long seq) {
      return clients.stream().allMatch(c -> c.lastSeq >= seq);
    }

    private boolean allClosed() {
      return clients.stream().allMatch(c -> c.closed);
    }

    private double queriesPerSecond(Duration window) throws InterruptedException {
      double before = queries.count();
      long start = System.nanoTime();
      Thread.sleep(window.toMillis());
      return (queries.count() - before) / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Every update after the pipeline's release, timed against the activity that produced it and
     * against the first client of its generation to receive it.
     */
    private void latencies(List<Double> endToEnd, List<Double> fanOut) {
      Map<String, Map<Long, Long>> first = new HashMap<>();
      for (SseClient client : clients) {
        client.received.forEach(
            (seq, at) ->
                first
                    .computeIfAbsent(client.generationId, id -> new HashMap<>())
                    .merge(seq, at, Math::min));
      }
      for (SseClient client : clients) {
        Map<Long, String> messages =
            clients.stream()
                .filter(c -> c.generationId.equals(client.generationId) && c.keepMessages)
                .findFirst()
                .orElseThrow()
                .messages;
        client.received.forEach(
            (seq, at) -> {
              Long done = pipeline.finished(client.generationId, messages.get(seq));
              if (done != null) {
                endToEnd.add((at - done) / 1e6);
                fanOut.add((at - first.get(client.generationId).get(seq)) / 1e6);
              }
            });
      }
    }

    private long bareServerGrowth(int count) throws Exception {
      DisposableServer server =
          HttpServer.create()
              .host("127.0.0.1")
              .port(0)
              .route(
                  routes ->
                      routes.get(
                          "/idle",
                          (request, response) ->
                              response
                                  .header("Content-Type", "text/event-stream")
                                  .sendString(Flux.just(":ok\n\n").concatWith(Flux.never()))))
              .bindNow();
      HttpClient bare =
          HttpClient.create(ConnectionProvider.newConnection())
              .baseUrl("http://127.0.0.1:" + server.port());
      List<SseClient> idle = new ArrayList<>();
      try {
        long before = heapAfterGc();
        for (int i = 0; i < count; i++) {
          SseClient client = new SseClient("bare", false);
          idle.add(client);
          client.connect(bare, "/idle");
          if (i % 100 == 0) {
            Thread.sleep(20);
          }
        }
        await(
            "every bare client is connected",
            () -> idle.stream().allMatch(c -> c.blocks.get() > 0),
            Duration.ofSeconds(60));
        return heapAfterGc() - before;
      } finally {
        idle.forEach(SseClient::close);
        server.disposeNow();
      }
    }
  }

  /**
   * The pipeline's activities as slow no-ops: each takes {@link #step} (scenes a little more, so
   * that parallel renders finish apart), notes when it finished, and the first waits for {@link
   * #release}.
   */
  static final class SlowPipeline implements ImageActivities, CopyActivities, RenderActivities {

    final CountDownLatch release = new CountDownLatch(1);
    private final ScriptedPipeline scripted = new ScriptedPipeline();
    private final Duration step;
    private final Map<String, Map<String, Long>> finished = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> rendered = new ConcurrentHashMap<>();

    SlowPipeline(Duration step) {
      this.step = step;
    }

    /** When the activity behind the update with this message finished; null for none. */
    Long finished(String generationId, String message) {
      if (message == null) {
        return null;
      }
      Map<String, Long> done = finished.getOrDefault(generationId, Map.of());
      Matcher scene = SCENE_RENDERED.matcher(message);
      if (scene.matches()) {
        List<Long> renders = rendered.get(generationId).stream().sorted().toList();
        return renders.get(Integer.parseInt(scene.group(1)) - 1);
      }
      for (String[] rule : RULES) {
        if (message.startsWith(rule[0])) {
          return done.get(rule[1]);
        }
      }
      return null;
    }

    /** Message prefix → the activity whose end produced it (the same workflow task). */
    private static final String[][] RULES = {
      {"Saved ", "images"},
      {"Generating story", "images"},
      {"Story generated", "story"},
      {"Generating detailed scenes", "story"},
      {"Generated ", "scenes"},
      {"Preparing video generation", "scenes"},
      {"Prepared ", "params"},
      {"Generating scene videos", "params"},
      {"Videos generated", "stitch"},
      {"Generation complete!", "stitch"},
    };

    @Override
    public List<ImageAnalysis> analyzeImages(String generationId, List<ImageRef> images) {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while held", e);
      }
      sleep(step);
      return done(generationId, "images", scripted.analyzeImages(generationId, images));
    }

    @Override
    public Story writeStory(String generationId, Brief brief, List<ImageAnalysis> images) {
      sleep(step);
      return done(generationId, "story", scripted.writeStory(generationId, brief, images));
    }

    @Override
    public ScenePlan planScenes(
        String generationId, Brief brief, Story story, List<ImageAnalysis> images) {
      sleep(step);
      return done(generationId, "scenes", scripted.planScenes(generationId, brief, story, images));
    }

    @Override
    public List<SceneParams> prepareVideoParams(
        String generationId, Brief brief, ScenePlan plan, List<ImageAnalysis> images) {
      sleep(step);
      return done(
          generationId, "params", scripted.prepareVideoParams(generationId, brief, plan, images));
    }

    @Override
    public SceneVideo renderScene(String generationId, SceneParams params) {
      sleep(step.plus(Duration.ofMillis(300L * params.index())));
      SceneVideo video = scripted.renderScene(generationId, params);
      rendered
          .computeIfAbsent(generationId, id -> new CopyOnWriteArrayList<>())
          .add(System.nanoTime());
      return video;
    }

    @Override
    public FinalAd stitchAd(
        String generationId, Brief brief, List<SceneParams> params, List<SceneVideo> scenes) {
      sleep(step);
      return done(generationId, "stitch", scripted.stitchAd(generationId, brief, params, scenes));
    }

    private <T> T done(String generationId, String activity, T result) {
      finished
          .computeIfAbsent(generationId, id -> new ConcurrentHashMap<>())
          .put(activity, System.nanoTime());
      return result;
    }

    /** Sleeps for {@code duration}, give or take a fifth, so generations do not move in step. */
    private static void sleep(Duration duration) {
      try {
        Thread.sleep(
            Math.round(duration.toMillis() * ThreadLocalRandom.current().nextDouble(0.8, 1.2)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void await(String what, BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting until " + what);
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  private static void deleteRecursively(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
