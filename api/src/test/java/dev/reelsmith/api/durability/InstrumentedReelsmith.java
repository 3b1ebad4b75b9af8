package dev.reelsmith.api.durability;

import dev.reelsmith.activities.render.LocalSceneRenderer;
import dev.reelsmith.activities.render.PermanentRenderException;
import dev.reelsmith.activities.render.SceneRenderer;
import dev.reelsmith.api.ReelsmithApplication;
import dev.reelsmith.api.durability.RenderLog.Event;
import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.messages.SceneParams;
import io.temporal.activity.Activity;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Reelsmith as the durability tests run it, each in a JVM of its own ({@link ReelsmithProcess}) so
 * that a test can kill it: the application unchanged but for its scene renderer, which wraps the
 * local one to
 *
 * <ul>
 *   <li>write each render's start, failure and finish to the {@link RenderLog} of the data dir,
 *   <li>fail scene 2 of an ad for a product named like {@link #FAILS_ONCE} the first time it is
 *       rendered, as a provider's refusal would; "first" is a marker file in the data dir, so it
 *       holds across processes and restarts,
 *   <li>take {@link #RENDER_DELAY} longer per scene, spread over its frames so that heartbeats go
 *       on, which lets a test kill a process in the middle of a render.
 * </ul>
 *
 * It is no {@code @Configuration}, so the other tests' application contexts never pick it up.
 */
public final class InstrumentedReelsmith {

  /** System property: the name of this process in the render log. */
  static final String NAME = "reelsmith.durability.name";

  /** System property: an ISO-8601 duration added to every scene render. */
  static final String RENDER_DELAY = "reelsmith.durability.render-delay";

  /** System property: the test JVM's pid; this process ends when that one does. */
  static final String PARENT = "reelsmith.durability.parent-pid";

  /** The log line that says the application has started, its workers polling. */
  static final String READY = "Instrumented Reelsmith is ready";

  /** Ads for products with this in their name fail once, at scene 2. */
  static final String FAILS_ONCE = "Stormcloud";

  static final int FAILING_SCENE = 2;

  private static final Logger log = LoggerFactory.getLogger(InstrumentedReelsmith.class);

  private InstrumentedReelsmith() {}

  public static void main(String[] args) {
    endWithTheTests();
    String name = System.getProperty(NAME, "reelsmith");
    Duration delay = Duration.parse(System.getProperty(RENDER_DELAY, "PT0S"));
    new SpringApplicationBuilder(ReelsmithApplication.class)
        .initializers(
            context -> {
              Path data =
                  Path.of(context.getEnvironment().getRequiredProperty("reelsmith.data-dir"));
              ((GenericApplicationContext) context)
                  .registerBean(
                      "instrumentedRenderer",
                      SceneRenderer.class,
                      () -> new Renderer(name, data, delay),
                      definition -> definition.setPrimary(true));
            })
        .run(args);
    log.info("{}: {} (render delay {})", READY, name, delay);
  }

  /**
   * A test JVM that dies without closing its fixtures (killed by a timeout, say) must not leave
   * Reelsmith processes behind: they would keep taking tasks from the next run's server.
   */
  private static void endWithTheTests() {
    String parent = System.getProperty(PARENT);
    if (parent != null) {
      ProcessHandle.of(Long.parseLong(parent))
          .ifPresentOrElse(
              tests -> tests.onExit().thenRun(() -> Runtime.getRuntime().halt(3)),
              () -> Runtime.getRuntime().halt(3));
    }
  }

  /** The local renderer, instrumented as the class says. */
  private static final class Renderer implements SceneRenderer {

    private final SceneRenderer local = new LocalSceneRenderer();
    private final String name;
    private final Path data;
    private final RenderLog renders;
    private final Duration delay;

    Renderer(String name, Path data, Duration delay) {
      this.name = name;
      this.data = data;
      this.renders = new RenderLog(data);
      this.delay = delay;
    }

    @Override
    public void render(SceneParams scene, Path referenceImage, Path output, Progress progress)
        throws IOException {
      String generationId =
          Generations.generationId(Activity.getExecutionContext().getInfo().getWorkflowId());
      renders.append(name, generationId, scene.index(), Event.STARTED);
      if (scene.index() == FAILING_SCENE
          && scene.prompt().contains(FAILS_ONCE)
          && firstTime(generationId)) {
        renders.append(name, generationId, scene.index(), Event.FAILED);
        throw new PermanentRenderException(
            Failures.PROVIDER_REJECTED, "The video provider is unavailable (simulated outage)");
      }
      long pauseNanos = delay.toNanos() / Math.max(1, scene.frameCount());
      local.render(
          scene,
          referenceImage,
          output,
          (done, total) -> {
            progress.update(done, total);
            pause(pauseNanos);
          });
      renders.append(name, generationId, scene.index(), Event.FINISHED);
    }

    /** Whether this is the generation's first failure: its marker did not exist yet. */
    private boolean firstTime(String generationId) throws IOException {
      Path marker = RenderLog.folder(data).resolve("failed-once-" + generationId);
      Files.createDirectories(marker.getParent());
      try {
        Files.createFile(marker);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }

    private static void pause(long nanos) {
      if (nanos == 0) {
        return;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(nanos);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(new InterruptedIOException("render stopped"));
      }
    }
  }
}
