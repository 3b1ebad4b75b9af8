package dev.reelsmith.api.generations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.api.ReelsmithApplication;
import dev.reelsmith.api.testing.ReelsmithClient;
import dev.reelsmith.workflows.messages.Status;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** An API process without workers still lists the generations it cannot query. */
class HistoryWithoutWorkersTest {

  @TempDir Path data;
  @TempDir Path scratch;

  @Test
  void listsAGenerationWhoseWorkflowCannotAnswerAsInProgress() throws Exception {
    try (ConfigurableApplicationContext api =
        new SpringApplicationBuilder(ReelsmithApplication.class)
            .run("--server.port=0", "--reelsmith.data-dir=" + data, "--reelsmith.role=api")) {
      ReelsmithClient client =
          ReelsmithClient.onPort(
              api.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
      String id = client.create(scratch);

      long started = System.nanoTime();
      GenerationHistory.Page page =
          client
              .http()
              .get()
              .uri("/api/master-mode/generations")
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(GenerationHistory.Page.class)
              .returnResult()
              .getResponseBody();
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(page.total()).isEqualTo(1);
      assertThat(page.items().get(0).generationId()).isEqualTo(id);
      assertThat(page.items().get(0).status()).isEqualTo(Status.IN_PROGRESS);
      assertThat(took).isLessThan(Duration.ofSeconds(10));
    }
  }
}
