package dev.reelsmith.api.generations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.activities.storage.MediaStore;
import dev.reelsmith.api.TestAccounts;
import dev.reelsmith.api.security.Accounts;
import dev.reelsmith.api.testing.AppTest;
import dev.reelsmith.api.testing.ReelsmithClient;
import dev.reelsmith.workflows.Briefs;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.FinalAd;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One account's generation does not exist for another: every endpoint answers the other account
 * exactly as it answers an id that was never used, and lists only the caller's own generations.
 */
@AppTest
class IsolationTest {

  @TempDir static Path data;
  @TempDir static Path scratch;

  /** A finished generation of {@link TestAccounts#USER}, made once for every test. */
  private static String owned;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("reelsmith.data-dir", () -> data.toString());
  }

  @Autowired WebTestClient http;
  @Autowired MediaStore store;

  private WebTestClient owner;
  private WebTestClient other;

  @BeforeEach
  void clients() throws Exception {
    // Whole videos in memory: larger than the client's default limit.
    owner =
        http.mutate()
            .responseTimeout(Duration.ofMinutes(1))
            .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
            .build();
    other = TestAccounts.as(owner, TestAccounts.OTHER_USER, TestAccounts.OTHER_PASSWORD);
    if (owned == null) {
      ReelsmithClient client = new ReelsmithClient(owner);
      String id = client.create(scratch);
      client.awaitCompleted(id);
      owned = id;
    }
  }

  /** Each way in to a generation, as one request of {@code client} for generation {@code id}. */
  private static final List<BiFunction<WebTestClient, String, WebTestClient.RequestHeadersSpec<?>>>
      REQUESTS =
          List.of(
              (client, id) -> client.get().uri("/api/master-mode/generations/{id}", id),
              (client, id) ->
                  client
                      .get()
                      .uri("/api/master-mode/progress/{id}", id)
                      .accept(MediaType.TEXT_EVENT_STREAM),
              (client, id) -> client.post().uri("/api/master-mode/generations/{id}/retry", id),
              (client, id) -> client.post().uri("/api/master-mode/generations/{id}/cancel", id),
              (client, id) -> client.post().uri("/api/master-mode/generations/{id}/share", id),
              (client, id) -> client.get().uri(MediaLayout.url(id, MediaLayout.FINAL_VIDEO)),
              (client, id) -> client.get().uri(MediaLayout.url(id, MediaLayout.FINAL_POSTER)),
              (client, id) -> client.get().uri(MediaLayout.url(id, MediaLayout.sceneVideo(1))),
              (client, id) -> client.get().uri(MediaLayout.url(id, MediaLayout.reference(1))));

  private static EntityExchangeResult<String> answer(
      BiFunction<WebTestClient, String, WebTestClient.RequestHeadersSpec<?>> request,
      WebTestClient client,
      String id) {
    return request.apply(client, id).exchange().expectBody(String.class).returnResult();
  }

  @Test
  void anotherAccountGetsTheAnswerOfAnIdThatDoesNotExistEverywhere() {
    String missing = Generations.newId();
    for (var request : REQUESTS) {
      EntityExchangeResult<String> foreign = answer(request, other, owned);
      EntityExchangeResult<String> none = answer(request, other, missing);

      String what = foreign.getMethod() + " " + foreign.getUrl().getPath();
      assertThat(foreign.getStatus().value()).as(what).isEqualTo(404);
      assertThat(foreign.getResponseHeaders().getContentType())
          .as(what)
          .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON)
          .isEqualTo(none.getResponseHeaders().getContentType());
      assertThat(foreign.getResponseBody().replace(owned, "<id>"))
          .as(what)
          .isEqualTo(none.getResponseBody().replace(missing, "<id>"));
      assertThat(foreign.getResponseHeaders().getFirst(HttpHeaders.CONTENT_LENGTH))
          .as(what)
          .isEqualTo(none.getResponseHeaders().getFirst(HttpHeaders.CONTENT_LENGTH));
    }
  }

  @Test
  void theOwnerReachesItEverywhere() {
    for (var request : REQUESTS.subList(0, 2)) {
      assertThat(answer(request, owner, owned).getStatus().value()).isEqualTo(200);
    }
    for (var request : REQUESTS.subList(5, REQUESTS.size())) {
      assertThat(answer(request, owner, owned).getStatus().value()).isEqualTo(200);
    }
    // A finished generation is not retried or cancelled, and says so to its owner only.
    assertThat(answer(REQUESTS.get(2), owner, owned).getStatus().value()).isEqualTo(409);
    assertThat(answer(REQUESTS.get(3), owner, owned).getStatus().value()).isEqualTo(409);
  }

  @Test
  void theListShowsEachAccountOnlyItsOwnGenerations() {
    GenerationHistory.Page mine = page(owner);
    GenerationHistory.Page theirs = page(other);

    assertThat(mine.items()).extracting(GenerationHistory.Item::generationId).contains(owned);
    assertThat(theirs.items())
        .extracting(GenerationHistory.Item::generationId)
        .doesNotContain(owned);
    assertThat(theirs.total()).isEqualTo(theirs.items().size());
  }

  @Test
  void aGenerationRecordedBeforeAccountsBelongsToTheLocalAccountOnly() throws Exception {
    String id = Generations.newId();
    Manifest manifest = new Manifest(store);
    manifest.create(
        new GenerationInput(
            id, Briefs.parse(ReelsmithClient.BRIEF), List.of(), GenerationSettings.DEFAULTS, null),
        Instant.now());
    manifest.write(
        id,
        Manifest.FINAL,
        new FinalAd(MediaLayout.FINAL_VIDEO, MediaLayout.FINAL_POSTER, 15.0, 1280, 720));
    Manifest.Created legacy = manifest.read(id, Manifest.GENERATION).orElseThrow();

    assertThat(legacy.owner()).isNull();
    assertThat(GenerationAccess.ownerOf(legacy)).isEqualTo(Accounts.LOCAL_USER);
    owner.get().uri("/api/master-mode/generations/{id}", id).exchange().expectStatus().isNotFound();
    assertThat(page(owner).items())
        .extracting(GenerationHistory.Item::generationId)
        .doesNotContain(id);
  }

  private static GenerationHistory.Page page(WebTestClient client) {
    return client
        .get()
        .uri("/api/master-mode/generations?size=100")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(GenerationHistory.Page.class)
        .returnResult()
        .getResponseBody();
  }
}
