package dev.reelsmith.api.generations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.api.TestAccounts;
import dev.reelsmith.api.testing.AppTest;
import dev.reelsmith.api.testing.ReelsmithClient;
import dev.reelsmith.workflows.GenerationSearchAttributes;
import dev.reelsmith.workflows.Generations;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.common.SearchAttributes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What an operator gets of a generation started over HTTP: its workflow, described and searchable
 * in Temporal Web, and a link there in its owner's state when {@code TEMPORAL_WEB_URL} is set.
 */
@AppTest(properties = "reelsmith.temporal-web-url=http://temporal.example:8233/")
class TemporalWebTest {

  @TempDir static Path data;
  @TempDir Path scratch;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("reelsmith.data-dir", () -> data.toString());
  }

  @Autowired WebTestClient http;
  @Autowired WorkflowClient temporal;

  private WorkflowExecutionDescription describe(String generationId) {
    return temporal.newUntypedWorkflowStub(Generations.workflowId(generationId)).describe();
  }

  @Test
  void theOwnersStateLinksTheWorkflowInTemporalWeb() throws Exception {
    String id = new ReelsmithClient(http).create(scratch);

    http.get()
        .uri("/api/master-mode/generations/{id}", id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.generation_id")
        .isEqualTo(id)
        .jsonPath("$.temporal_web_url")
        .isEqualTo("http://temporal.example:8233/namespaces/default/workflows/generation-" + id);
    TestAccounts.as(http, TestAccounts.OTHER_USER, TestAccounts.OTHER_PASSWORD)
        .get()
        .uri("/api/master-mode/generations/{id}", id)
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.temporal_web_url")
        .doesNotHaveJsonPath();
  }

  @Test
  void aStartedGenerationIsDescribedAndSearchableInTemporalWeb() throws Exception {
    String id = new ReelsmithClient(http).create(scratch);

    WorkflowExecutionDescription workflow = describe(id);

    assertThat(workflow.getStaticSummary())
        .isEqualTo("Ad for Aurora Cold Brew — 15 s, 16:9, 720p, by " + TestAccounts.USER);
    assertThat(workflow.getStaticDetails())
        .contains("**Aurora Cold Brew**, for " + TestAccounts.USER)
        .contains("- **Length:** 15 s in 3 scenes")
        .contains("- **Reference images:** 2");
    SearchAttributes attributes = workflow.getTypedSearchAttributes();
    assertThat(attributes.get(GenerationSearchAttributes.USER)).isEqualTo(TestAccounts.USER);
    assertThat(attributes.get(GenerationSearchAttributes.PRODUCT)).isEqualTo("Aurora Cold Brew");
    assertThat(attributes.get(GenerationSearchAttributes.STATUS)).isNotNull();
  }
}
