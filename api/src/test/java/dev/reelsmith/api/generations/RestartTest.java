package dev.reelsmith.api.generations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.api.ReelsmithApplication;
import dev.reelsmith.api.TestAccounts;
import dev.reelsmith.api.sharing.ShareController;
import dev.reelsmith.api.testing.ReelsmithClient;
import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import dev.reelsmith.workflows.messages.Status;
import dev.reelsmith.workflows.messages.Step;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The application stops and starts again on the same data folder. Its embedded Temporal server
 * forgets every workflow; the generations survive in their manifests, and share links in the key
 * kept beside them.
 */
class RestartTest {

  @TempDir Path data;
  @TempDir Path scratch;

  /** Starts the application; command-line arguments, because they win over application.yml. */
  private ConfigurableApplicationContext start(String... arguments) {
    return new SpringApplicationBuilder(ReelsmithApplication.class)
        .run(
            Stream.concat(
                    Stream.of("--server.port=0", "--reelsmith.data-dir=" + data),
                    Stream.of(arguments))
                .toArray(String[]::new));
  }

  private static ReelsmithClient client(ConfigurableApplicationContext app) {
    return ReelsmithClient.onPort(
        app.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
  }

  @Test
  void aFinishedGenerationIsStillListedServedAndSharedAfterARestart() throws Exception {
    String id;
    GenerationSnapshot before;
    String shared;
    try (ConfigurableApplicationContext first = start()) {
      ReelsmithClient client = client(first);
      id = client.create(scratch);
      before = client.awaitCompleted(id);
      URI video =
          URI.create(
              client
                  .http()
                  .post()
                  .uri("/api/master-mode/generations/{id}/share", id)
                  .exchange()
                  .expectStatus()
                  .isOk()
                  .expectBody(ShareController.ShareLink.class)
                  .returnResult()
                  .getResponseBody()
                  .videoUrl());
      shared = video.getRawPath() + "?" + video.getRawQuery();
    }

    try (ConfigurableApplicationContext second = start()) {
      ReelsmithClient client = client(second);

      GenerationSnapshot after = client.state(id);
      GenerationHistory.Item listed =
          client
              .http()
              .get()
              .uri("/api/master-mode/generations?size=100")
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(GenerationHistory.Page.class)
              .returnResult()
              .getResponseBody()
              .items()
              .stream()
              .filter(item -> item.generationId().equals(id))
              .findFirst()
              .orElseThrow();
      byte[] file = Files.readAllBytes(data.resolve(id).resolve(MediaLayout.FINAL_VIDEO));
      byte[] probe =
          client
              .http()
              .get()
              .uri(after.finalVideoPath())
              .header(HttpHeaders.RANGE, "bytes=0-1")
              .exchange()
              .expectStatus()
              .isEqualTo(HttpStatus.PARTIAL_CONTENT)
              .expectHeader()
              .valueEquals(HttpHeaders.CONTENT_RANGE, "bytes 0-1/" + file.length)
              .expectBody(byte[].class)
              .returnResult()
              .getResponseBody();
      client
          .http()
          .post()
          .uri("/api/master-mode/generations/{id}/retry", id)
          .exchange()
          .expectStatus()
          .isEqualTo(HttpStatus.CONFLICT);
      // The share link made before the restart still works: its key is kept in the data folder.
      TestAccounts.anonymous(client.http())
          .get()
          .uri(shared)
          .header(HttpHeaders.RANGE, "bytes=0-1")
          .exchange()
          .expectStatus()
          .isEqualTo(HttpStatus.PARTIAL_CONTENT);

      assertThat(after).usingRecursiveComparison().ignoringFields("lastSeq").isEqualTo(before);
      assertThat(listed.status()).isEqualTo(Status.COMPLETED);
      assertThat(listed.productName()).isEqualTo("Aurora Cold Brew");
      assertThat(listed.finalVideoPath()).isEqualTo(before.finalVideoPath());
      assertThat(listed.posterPath()).isEqualTo(before.posterPath());
      assertThat(listed.durationSeconds()).isEqualTo(before.durationSeconds());
      assertThat(listed.createdAt()).isNotNull();
      assertThat(probe).containsExactly(file[0], file[1]);
    }
  }

  @Test
  void anInterruptedGenerationResumesAfterARestartWithoutRenderingFinishedScenesAgain()
      throws Exception {
    String id;
    // One scene at a time, so that the stop comes with scenes still to render.
    try (ConfigurableApplicationContext first = start("--reelsmith.max-parallel-scenes=1")) {
      ReelsmithClient client = client(first);
      id = client.create(scratch);
      client.awaitState(id, s -> !s.sceneVideos().isEmpty(), Duration.ofMinutes(2));
    }
    Path folder = data.resolve(id);
    Map<String, FileTime> kept = modificationTimes(folder);
    long scenesKept =
        kept.keySet().stream().filter(f -> f.matches("manifest/scene_\\d+.json")).count();

    try (ConfigurableApplicationContext second = start()) {
      ReelsmithClient client = client(second);

      GenerationSnapshot interrupted = client.state(id);
      client
          .http()
          .post()
          .uri("/api/master-mode/generations/{id}/retry", id)
          .exchange()
          .expectStatus()
          .isAccepted();
      GenerationSnapshot done = client.awaitCompleted(id);

      assertThat(scenesKept).isBetween(1L, 2L);
      assertThat(interrupted.status()).isEqualTo(Status.FAILED);
      assertThat(interrupted.step()).isEqualTo(Step.VIDEOS);
      assertThat(interrupted.error().type()).isEqualTo(Failures.INTERRUPTED.name());
      assertThat(interrupted.sceneVideos()).hasSize((int) scenesKept);
      assertThat(done.sceneVideos()).hasSize(3);
      assertThat(done.story()).isEqualTo(interrupted.story());
      assertThat(done.scenes()).isEqualTo(interrupted.scenes());
      Map<String, FileTime> now = modificationTimes(folder);
      assertThat(now).containsAllEntriesOf(kept);
      assertThat(now).containsKeys(MediaLayout.FINAL_VIDEO, MediaLayout.MANIFEST_FINAL);
    }
  }

  /** Every published file of a generation (temporary files aside) and when it was written. */
  private static Map<String, FileTime> modificationTimes(Path folder) throws IOException {
    Map<String, FileTime> times = new TreeMap<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (!file.getFileName().toString().startsWith(".")) {
          times.put(
              folder.relativize(file).toString().replace('\\', '/'),
              Files.getLastModifiedTime(file));
        }
      }
    }
    return times;
  }
}
