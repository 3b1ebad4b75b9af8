package dev.reelsmith.activities.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelsmith.activities.render.LocalSceneRenderer;
import dev.reelsmith.activities.render.RenderActivitiesImpl;
import dev.reelsmith.activities.render.RenderProgress;
import dev.reelsmith.activities.render.SceneRenderer;
import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.activities.testing.VideoProbe;
import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.RenderActivities;
import dev.reelsmith.workflows.messages.CameraMove;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.SceneVideo;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every video API renderer must do, run against a local server speaking the provider's API:
 * the render activity as Temporal runs it, over a real media folder and real FFmpeg. A new {@link
 * #worker()} stands for another worker process: it shares only the media folder.
 */
abstract class RemoteVideoRendererContract {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the provider "made": 4:3 at 24 fps for 2 s, unlike any scene Reelsmith asks for. */
  static byte[] providerVideo;

  @TempDir Path root;

  protected FakeVideoApi api;
  protected final String generationId = Generations.newId();
  protected final List<RenderProgress> heartbeats = new CopyOnWriteArrayList<>();
  private final List<TestActivityEnvironment> environments = new ArrayList<>();

  abstract FakeVideoApi start(byte[] video) throws IOException;

  /** The provider's name as the user reads it in messages. */
  abstract String providerName();

  @BeforeAll
  static void makeProviderVideo(@TempDir Path dir) throws IOException {
    Path reference = dir.resolve("ref.png");
    ImageIO.write(photo(640, 480), "png", reference.toFile());
    Path video = dir.resolve("provider.mp4");
    new LocalSceneRenderer()
        .render(scene(1, 320, 240, 24, 2.0), reference, video, (done, total) -> {});
    providerVideo = Files.readAllBytes(video);
  }

  @BeforeEach
  void startProvider() throws IOException {
    api = start(providerVideo);
    Path reference = root.resolve(generationId).resolve(MediaLayout.reference(1));
    Files.createDirectories(reference.getParent());
    ImageIO.write(photo(1200, 900), "png", reference.toFile());
  }

  @AfterEach
  void stop() {
    api.close();
    environments.forEach(TestActivityEnvironment::close);
  }

  /** A worker process: its own activity environment over the shared media folder, one attempt. */
  protected RenderActivities worker() {
    return worker(null);
  }

  protected RenderActivities worker(RenderProgress heartbeatDetails) {
    TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
    environments.add(environment);
    environment.registerActivitiesImplementations(
        new RenderActivitiesImpl(new LocalMediaStore(root), api.renderer()));
    environment.setActivityHeartbeatListener(RenderProgress.class, heartbeats::add);
    if (heartbeatDetails != null) {
      environment.setHeartbeatDetails(heartbeatDetails);
    }
    return environment.newActivityStub(
        RenderActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(2))
            .setHeartbeatTimeout(Duration.ofSeconds(20))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  static SceneParams scene(int index, int width, int height, int fps, double seconds) {
    return new SceneParams(
        index,
        width,
        height,
        fps,
        seconds,
        MediaLayout.reference(index),
        new CameraMove(
            CameraMove.Framing.COVER,
            new CameraMove.Keyframe(1.0, 0.5, 0.5),
            new CameraMove.Keyframe(1.3, 0.58, 0.46),
            CameraMove.Easing.EASE_IN_OUT),
        null,
        null,
        "#000000",
        "A bottle of cold brew on an oak table, morning light, slow push-in",
        42L + index);
  }

  /** A landscape 720p-shaped scene, small enough to be quick: 640x360 at 30 fps for 1 s. */
  static SceneParams landscape() {
    return scene(1, 640, 360, 30, 1.0);
  }

  static BufferedImage photo(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(0xC0392B), width, height, new Color(0x1F3A93)));
    g.fillRect(0, 0, width, height);
    g.setColor(Color.WHITE);
    g.fillOval(width / 3, height / 4, width / 3, height / 2);
    g.dispose();
    return image;
  }

  protected Path folder() {
    return root.resolve(generationId);
  }

  protected Path jobFile(int scene) {
    return folder().resolve(RenderActivitiesImpl.jobFile(scene));
  }

  protected SceneRenderer.ProviderJob savedJob(int scene) throws IOException {
    return JSON.readValue(jobFile(scene).toFile(), SceneRenderer.ProviderJob.class);
  }

  /** The scene is published as the stitcher needs it: exact size, rate and length, H.264 4:2:0. */
  protected void assertPublished(SceneVideo video, SceneParams scene) throws IOException {
    assertThat(video.path()).isEqualTo(MediaLayout.sceneVideo(scene.index()));
    VideoProbe.Info info = VideoProbe.probe(folder().resolve(video.path()));
    assertThat(info.codec()).isEqualTo("h264");
    assertThat(info.pixelFormat()).isEqualTo("yuv420p");
    assertThat(info.width()).isEqualTo(scene.width());
    assertThat(info.height()).isEqualTo(scene.height());
    assertThat(info.frameCount()).isEqualTo(scene.frameCount());
    assertThat(info.averageFps()).isCloseTo(scene.fps(), within(0.01));
    assertThat(folder().resolve(video.poster())).isRegularFile();
    assertThat(jobFile(scene.index())).as("the finished job is forgotten").doesNotExist();
  }

  protected static ApplicationFailure failure(ThrowingCallable call) {
    Throwable thrown = catchFailure(call);
    assertThat(thrown)
        .isInstanceOf(ActivityFailure.class)
        .hasCauseInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) thrown.getCause();
  }

  private static Throwable catchFailure(ThrowingCallable call) {
    try {
      call.call();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("the render succeeded but should have failed");
  }

  /** Nothing the user or an operator sees, and nothing kept, contains the key. */
  protected void assertKeyNowhere(String... messages) throws IOException {
    for (String message : messages) {
      assertThat(message).doesNotContain(api.key());
    }
    assertThat(heartbeats.toString()).doesNotContain(api.key());
    try (var files = Files.walk(folder())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (file.toString().endsWith(".json")) {
          assertThat(Files.readString(file)).doesNotContain(api.key());
        }
      }
    }
  }

  @Test
  void aRateLimitedAttemptRetriesAfterTheProvidersDelayAndNeverPaysTwice() throws Exception {
    RenderActivities worker = worker();
    api.server()
        .script(
            FakeServer.Step.SUBMIT,
            FakeServer.Reply.json(
                429,
                "{\"detail\": \"Too many concurrent requests\", \"error\": \"Rate limit\"}",
                Map.of("Retry-After", "7")));
    api.server()
        .script(
            FakeServer.Step.STATUS,
            FakeServer.Reply.json(
                429, "{\"error\": \"Too many requests\"}", Map.of("Retry-After", "3")));

    ApplicationFailure submitLimited = failure(() -> worker.renderScene(generationId, landscape()));
    assertThat(submitLimited.getType()).isEqualTo(Failures.PROVIDER_RATE_LIMITED.name());
    assertThat(submitLimited.isNonRetryable()).isFalse();
    assertThat(submitLimited.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
    assertThat(submitLimited.getOriginalMessage()).contains(providerName());
    assertThat(api.paidSubmissions()).isZero();

    ApplicationFailure pollLimited = failure(() -> worker.renderScene(generationId, landscape()));
    assertThat(pollLimited.getType()).isEqualTo(Failures.PROVIDER_RATE_LIMITED.name());
    assertThat(pollLimited.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(api.paidSubmissions()).isEqualTo(1);

    SceneVideo video = worker.renderScene(generationId, landscape());

    assertPublished(video, landscape());
    assertThat(api.paidSubmissions()).as("the retry polled the job it had paid for").isEqualTo(1);
    assertKeyNowhere(submitLimited.getOriginalMessage(), pollLimited.getOriginalMessage());
  }

  @Test
  void aServerErrorRetriesWithBackOffAndResumesTheSameJob() throws Exception {
    RenderActivities worker = worker();
    api.server()
        .script(
            FakeServer.Step.STATUS,
            FakeServer.Reply.json(503, "{\"detail\": \"Service temporarily unavailable\"}"));

    ApplicationFailure unavailable = failure(() -> worker.renderScene(generationId, landscape()));
    assertThat(unavailable.getType()).isEqualTo(Failures.PROVIDER_UNAVAILABLE.name());
    assertThat(unavailable.isNonRetryable()).isFalse();
    assertThat(unavailable.getOriginalMessage()).contains(providerName()).contains("503");
    assertThat(jobFile(1)).as("the paid job is kept for the retry").isRegularFile();

    SceneVideo video = worker.renderScene(generationId, landscape());

    assertPublished(video, landscape());
    assertThat(api.paidSubmissions()).isEqualTo(1);
  }

  @Test
  void aSafetyRefusalFailsForGoodWithTheProvidersOwnMessageAndRetrySubmitsAgain() throws Exception {
    RenderActivities worker = worker();
    api.refuseNextJob();

    ApplicationFailure refused = failure(() -> worker.renderScene(generationId, landscape()));

    assertThat(refused.getType()).isEqualTo(Failures.PROVIDER_REJECTED.name());
    assertThat(refused.isNonRetryable()).isTrue();
    assertThat(refused.getOriginalMessage()).contains(providerName()).contains(api.refusal());
    assertThat(jobFile(1)).as("a refused job is never polled again").doesNotExist();
    assertKeyNowhere(refused.getOriginalMessage());

    // The user presses Retry (say, after changing the image): a new job, and this time a video.
    SceneVideo video = worker.renderScene(generationId, landscape());
    assertPublished(video, landscape());
    assertThat(api.paidSubmissions()).isEqualTo(2);
  }

  @Test
  void aWorkerKilledAfterSubmittingIsResumedByAnotherWithoutASecondSubmit() throws Exception {
    api.server().hold(FakeServer.Step.STATUS);
    RenderActivities dying = worker();
    CompletableFuture<SceneVideo> abandoned =
        CompletableFuture.supplyAsync(() -> dying.renderScene(generationId, landscape()));
    api.server().awaitHeld();
    String submitted = savedJob(1).id();

    // The first worker is gone; its last heartbeat never reached the server. Another takes over.
    SceneVideo video = worker().renderScene(generationId, landscape());

    assertPublished(video, landscape());
    assertThat(api.paidSubmissions()).isEqualTo(1);
    assertThat(api.server().requests(FakeServer.Step.STATUS))
        .allSatisfy(poll -> assertThat(poll.path()).contains(submitted));
    api.close();
    assertThat(abandoned).failsWithin(1, TimeUnit.MINUTES);
  }

  @Test
  void aRetryFindsItsJobInTheLastHeartbeatWhenNoJobFileIsLeft() throws Exception {
    api.server()
        .script(
            FakeServer.Step.STATUS, FakeServer.Reply.json(502, "{\"detail\": \"Bad gateway\"}"));
    failure(() -> worker().renderScene(generationId, landscape()));
    RenderProgress last = heartbeats.get(heartbeats.size() - 1);
    assertThat(last.job()).isEqualTo(savedJob(1));
    Files.delete(jobFile(1));

    SceneVideo video = worker(last).renderScene(generationId, landscape());

    assertPublished(video, landscape());
    assertThat(api.paidSubmissions()).isEqualTo(1);
  }

  @Test
  void anExpiredVideoLinkFailsClearlyAndForgetsTheJobSoRetryMakesANewOne() throws Exception {
    RenderActivities worker = worker();
    api.server()
        .script(
            FakeServer.Step.DOWNLOAD,
            FakeServer.Reply.json(
                403, "<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code></Error>"));

    ApplicationFailure expired = failure(() -> worker.renderScene(generationId, landscape()));

    assertThat(expired.getType()).isEqualTo(Failures.PROVIDER_REJECTED.name());
    assertThat(expired.isNonRetryable()).isTrue();
    assertThat(expired.getOriginalMessage())
        .contains(providerName())
        .contains("scene 1")
        .contains("expired")
        .contains("Retry")
        .contains("billed again");
    assertThat(jobFile(1)).doesNotExist();
    assertThat(folder().resolve(MediaLayout.sceneVideo(1))).doesNotExist();

    SceneVideo video = worker.renderScene(generationId, landscape());
    assertPublished(video, landscape());
    assertThat(api.paidSubmissions()).isEqualTo(2);
  }
}
