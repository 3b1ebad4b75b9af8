package dev.reelsmith.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.api.testing.ReelsmithClient;
import dev.reelsmith.workflows.Briefs;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationSettings;
import dev.reelsmith.workflows.messages.ImageRef;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The limits as the application applies them from its configuration. */
class LimitsConfigurationTest {

  @TempDir static Path data;

  private static String oldGeneration;
  private static String recentGeneration;
  private static ConfigurableApplicationContext app;

  @BeforeAll
  static void start() throws Exception {
    oldGeneration = recorded(Duration.ofDays(31));
    recentGeneration = recorded(Duration.ofDays(29));
    // Command-line arguments, because they win over application.yml.
    app =
        new SpringApplicationBuilder(ReelsmithApplication.class)
            .run(
                "--reelsmith.data-dir=" + data,
                "--server.port=0",
                "--reelsmith.render-concurrency=3",
                "--reelsmith.retention-days=30");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** A generation recorded {@code age} ago whose workflow the embedded server never knew. */
  private static String recorded(Duration age) throws Exception {
    String id = Generations.newId();
    LocalMediaStore store = new LocalMediaStore(data);
    Path scene = store.path(id, MediaLayout.sceneVideo(1));
    Files.createDirectories(scene.getParent());
    Files.write(scene, new byte[1024]);
    new Manifest(store)
        .create(
            new GenerationInput(
                id,
                Briefs.parse(ReelsmithClient.BRIEF),
                List.of(new ImageRef(1, MediaLayout.upload(1, "jpg"), "bottle.jpg")),
                GenerationSettings.DEFAULTS,
                TestAccounts.USER),
            Instant.now().minus(age));
    return id;
  }

  @Test
  void theRenderWorkerRunsAtMostTheConfiguredNumberOfRendersAtOnce() {
    WorkerFactory workers = app.getBean(WorkerFactory.class);

    assertThat(
            workers
                .getWorker(Generations.RENDER_TASK_QUEUE)
                .getWorkerOptions()
                .getMaxConcurrentActivityExecutionSize())
        .isEqualTo(3);
    assertThat(
            workers
                .getWorker(Generations.TASK_QUEUE)
                .getWorkerOptions()
                .getMaxConcurrentActivityExecutionSize())
        .isGreaterThan(3);
  }

  @Test
  void oldGenerationsAreDeletedAtStartUpWhenRetentionIsOn() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (Files.exists(data.resolve(oldGeneration))) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(50);
    }

    assertThat(data.resolve(recentGeneration)).isDirectory();
  }
}
