package dev.reelsmith.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.render.LocalSceneRenderer;
import dev.reelsmith.activities.render.SceneRenderer;
import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.activities.testing.VideoProbe;
import dev.reelsmith.api.testing.ReelsmithClient;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.SceneParams;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

/**
 * What a client and a running render see when Reelsmith stops the way SIGTERM stops it: the
 * application context closes while they are at work.
 */
class GracefulShutdownTest {

  @TempDir Path data;
  @TempDir Path scratch;

  private ConfigurableApplicationContext app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void anOpenProgressStreamEndsCleanlyWithAReconnectHint() throws Exception {
    // An API-only instance: nothing renders, the stream stays open until the server stops.
    app = start(null, "--reelsmith.role=api", "--reelsmith.heartbeat-interval=200ms");
    ReelsmithClient client = client();
    String id = client.create(scratch);
    List<ServerSentEvent<String>> events = new CopyOnWriteArrayList<>();
    CountDownLatch opened = new CountDownLatch(1);
    CompletableFuture<Void> ended = new CompletableFuture<>();
    client
        .http()
        .get()
        .uri("/api/master-mode/progress/{id}", id)
        .accept(MediaType.TEXT_EVENT_STREAM)
        .exchange()
        .expectStatus()
        .isOk()
        .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
        .getResponseBody()
        .subscribe(
            event -> {
              events.add(event);
              opened.countDown();
            },
            ended::completeExceptionally,
            () -> ended.complete(null));
    assertThat(opened.await(30, TimeUnit.SECONDS)).as("the stream opened").isTrue();

    app.close();

    ended.get(10, TimeUnit.SECONDS);
    ServerSentEvent<String> last = events.get(events.size() - 1);
    assertThat(last.retry()).isEqualTo(Duration.ofSeconds(3));
    assertThat(last.comment()).contains("server stopping");
    assertThat(last.id()).as("the hint moves no client's Last-Event-ID").isNull();
  }

  @Test
  void aRenderRunningWhenTheServerStopsFinishesAndIsPublishedWhole() throws Exception {
    SlowRenderer renderer = new SlowRenderer(Duration.ofMillis(10));
    app = start(renderer, "--reelsmith.max-parallel-scenes=1");
    String id = client().create(scratch);
    assertThat(renderer.started.await(2, TimeUnit.MINUTES)).as("a render started").isTrue();
    int scene = renderer.scene;

    app.close();

    Path video = data.resolve(id).resolve(MediaLayout.sceneVideo(scene));
    SceneParams params =
        manifest().read(id, Manifest.PARAMS).orElseThrow().stream()
            .filter(p -> p.index() == scene)
            .findFirst()
            .orElseThrow();
    assertThat(VideoProbe.probe(video).frameCount()).isEqualTo(params.frameCount());
    assertThat(manifest().has(id, Manifest.scene(scene)))
        .as("the activity finished and reported")
        .isTrue();
    assertThat(partialFiles()).isEmpty();
  }

  @Test
  void aRenderStillRunningAfterTheGracePeriodIsStoppedAndPublishesNothing() throws Exception {
    // Twenty seconds a scene, a grace of 1.5 s.
    SlowRenderer renderer = new SlowRenderer(Duration.ofMillis(130));
    app =
        start(
            renderer,
            "--spring.lifecycle.timeout-per-shutdown-phase=2s",
            "--reelsmith.max-parallel-scenes=1");
    String id = client().create(scratch);
    assertThat(renderer.started.await(2, TimeUnit.MINUTES)).as("a render started").isTrue();
    int scene = renderer.scene;

    long began = System.nanoTime();
    app.close();

    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(15));
    assertThat(data.resolve(id).resolve(MediaLayout.sceneVideo(scene))).doesNotExist();
    assertThat(manifest().has(id, Manifest.scene(scene))).isFalse();
    assertThat(partialFiles()).isEmpty();
  }

  // ------------------------------------------------------------------ helpers

  /** Starts the application, with {@code renderer} in place of the local one when given. */
  private ConfigurableApplicationContext start(SceneRenderer renderer, String... arguments) {
    SpringApplicationBuilder builder = new SpringApplicationBuilder(ReelsmithApplication.class);
    if (renderer != null) {
      builder.initializers(
          context ->
              ((GenericApplicationContext) context)
                  .registerBean(
                      "slowRenderer",
                      SceneRenderer.class,
                      () -> renderer,
                      definition -> definition.setPrimary(true)));
    }
    return builder.run(
        Stream.concat(
                Stream.of("--server.port=0", "--reelsmith.data-dir=" + data), Stream.of(arguments))
            .toArray(String[]::new));
  }

  private ReelsmithClient client() {
    return ReelsmithClient.onPort(
        app.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
  }

  private Manifest manifest() {
    return new Manifest(new LocalMediaStore(data));
  }

  /**
   * Files being written, which {@code MediaStore.publish} names {@code .<name>.<id>.part.<ext>}.
   */
  private List<Path> partialFiles() throws IOException {
    try (Stream<Path> files = Files.walk(data)) {
      return files.filter(file -> file.getFileName().toString().contains(".part")).toList();
    }
  }

  /**
   * The local renderer, slowed down frame by frame so that a test can stop the application while a
   * scene is half drawn.
   */
  private static final class SlowRenderer implements SceneRenderer {

    final CountDownLatch started = new CountDownLatch(1);
    volatile int scene;
    private final SceneRenderer local = new LocalSceneRenderer();
    private final Duration perFrame;

    SlowRenderer(Duration perFrame) {
      this.perFrame = perFrame;
    }

    @Override
    public void render(SceneParams params, Path referenceImage, Path output, Progress progress)
        throws IOException {
      local.render(
          params,
          referenceImage,
          output,
          (done, total) -> {
            if (started.getCount() > 0) {
              scene = params.index();
              started.countDown();
            }
            progress.update(done, total);
            pause();
          });
    }

    private void pause() {
      try {
        Thread.sleep(perFrame.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(new InterruptedIOException("render stopped"));
      }
    }
  }
}
