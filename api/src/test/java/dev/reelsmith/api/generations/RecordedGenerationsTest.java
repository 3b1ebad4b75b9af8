package dev.reelsmith.api.generations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.copy.CopyActivitiesImpl;
import dev.reelsmith.activities.images.ImageAnalyzer;
import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.activities.storage.MediaStore;
import dev.reelsmith.activities.testing.TestImages;
import dev.reelsmith.api.TestAccounts;
import dev.reelsmith.api.security.Accounts;
import dev.reelsmith.api.testing.AppTest;
import dev.reelsmith.api.testing.ReelsmithClient;
import dev.reelsmith.workflows.Briefs;
import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.FinalAd;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationSettings;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.ImageRef;
import dev.reelsmith.workflows.messages.Status;
import dev.reelsmith.workflows.messages.Step;
import dev.reelsmith.workflows.messages.Story;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Generations that Temporal does not know (as after a restart of the embedded server), told from
 * manifests written by hand: their state, the history list, and a retry that resumes from them.
 */
@AppTest(
    properties =
        "reelsmith.users=tester:tester-password,reelsmith:"
            + RecordedGenerationsTest.LOCAL_PASSWORD)
class RecordedGenerationsTest {

  /** The local user's, who owns what was recorded before there were accounts. */
  static final String LOCAL_PASSWORD = "local-password";

  @TempDir static Path data;
  @TempDir Path scratch;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("reelsmith.data-dir", () -> data.toString());
  }

  @Autowired WebTestClient http;
  @Autowired MediaStore store;

  private Manifest manifest;
  private ReelsmithClient client;

  @BeforeEach
  void setUp() {
    manifest = new Manifest(store);
    client = new ReelsmithClient(http);
  }

  private static Brief brief(String productName) throws Exception {
    return Briefs.parse(ReelsmithClient.BRIEF.replace("Aurora Cold Brew", productName));
  }

  /** A generation recorded as created, with real uploads, and no workflow. */
  private GenerationInput created(String productName, Instant at) throws Exception {
    return created(productName, at, TestAccounts.USER);
  }

  private GenerationInput created(String productName, Instant at, String owner) throws Exception {
    String id = Generations.newId();
    List<ImageRef> images =
        ReferenceImages.store(
            store,
            id,
            ReferenceImages.check(
                List.of(
                    ReferenceImages.Candidate.of(TestImages.jpegPhoto(scratch)),
                    ReferenceImages.Candidate.of(TestImages.cutOutPng(scratch)))));
    GenerationInput input =
        new GenerationInput(id, brief(productName), images, GenerationSettings.DEFAULTS, owner);
    manifest.create(input, at);
    return input;
  }

  /** A story recorded before the server forgot the generation, with a title to recognise it by. */
  private Story recordStory(GenerationInput input, String title) {
    ImageAnalyzer analyzer = new ImageAnalyzer();
    List<ImageAnalysis> images =
        List.of(
            analyzer.analyze(1, MediaLayout.reference(1), TestImages.photo(480, 300)),
            analyzer.analyze(2, MediaLayout.reference(2), TestImages.cutOut(400, 300)));
    Story written =
        CopyActivitiesImpl.local(store).writeStory(input.generationId(), input.brief(), images);
    Story story = new Story(title, written.beats(), written.score());
    return manifest.write(input.generationId(), Manifest.STORY, story);
  }

  @Test
  void theStateLinksNoTemporalWebWithoutTemporalWebUrl() throws Exception {
    GenerationInput input = created("Unlinked Cold Brew", Instant.now());

    http.get()
        .uri("/api/master-mode/generations/{id}", input.generationId())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.temporal_web_url")
        .hasJsonPath()
        .jsonPath("$.temporal_web_url")
        .isEmpty();
  }

  @Test
  void tellsTheStateOfAnInterruptedGenerationFromItsManifest() throws Exception {
    GenerationInput input = created("Interrupted Cold Brew", Instant.now());
    recordStory(input, "Recorded before the restart");

    GenerationSnapshot state = client.state(input.generationId());

    assertThat(state.status()).isEqualTo(Status.FAILED);
    assertThat(state.step()).isEqualTo(Step.UPLOAD);
    assertThat(state.error().type()).isEqualTo(Failures.INTERRUPTED.name());
    assertThat(state.error().message()).contains("Press Retry");
    assertThat(state.brief()).isEqualTo(input.brief());
    assertThat(state.story().title()).isEqualTo("Recorded before the restart");
    assertThat(state.finalVideoPath()).isNull();
  }

  @Test
  void retriesAnInterruptedGenerationReusingTheRecordedStory() throws Exception {
    GenerationInput input = created("Resumed Cold Brew", Instant.now());
    Story recorded = recordStory(input, "Recorded before the restart");

    http.post()
        .uri("/api/master-mode/generations/{id}/retry", input.generationId())
        .exchange()
        .expectStatus()
        .isAccepted()
        .expectBody()
        .jsonPath("$.attempt")
        .isEqualTo(1);
    GenerationSnapshot done = client.awaitCompleted(input.generationId());

    assertThat(done.story()).isEqualTo(recorded);
    assertThat(done.finalVideoPath())
        .isEqualTo(MediaLayout.url(input.generationId(), MediaLayout.FINAL_VIDEO));
    assertThat(manifest.read(input.generationId(), Manifest.FINAL)).isPresent();
  }

  @Test
  void retriesAGenerationRecordedBeforeAccountsAsTheLocalUsers() throws Exception {
    GenerationInput legacy = created("Legacy Cold Brew", Instant.now(), null);
    WebTestClient local = TestAccounts.as(http, Accounts.LOCAL_USER, LOCAL_PASSWORD);

    local
        .post()
        .uri("/api/master-mode/generations/{id}/retry", legacy.generationId())
        .exchange()
        .expectStatus()
        .isAccepted();

    GenerationSnapshot done = new ReelsmithClient(local).awaitCompleted(legacy.generationId());

    assertThat(done.finalVideoPath())
        .isEqualTo(MediaLayout.url(legacy.generationId(), MediaLayout.FINAL_VIDEO));
  }

  @Test
  void answersACompletedGenerationFromItsRecordedAdAndRefusesToRetryIt() throws Exception {
    GenerationInput input = created("Finished Cold Brew", Instant.now());
    manifest.write(
        input.generationId(),
        Manifest.FINAL,
        new FinalAd(MediaLayout.FINAL_VIDEO, MediaLayout.FINAL_POSTER, 15.0, 1280, 720));

    GenerationSnapshot state = client.state(input.generationId());
    http.post()
        .uri("/api/master-mode/generations/{id}/retry", input.generationId())
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.CONFLICT)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("Only a failed generation can be retried; this one is completed.");

    assertThat(state.status()).isEqualTo(Status.COMPLETED);
    assertThat(state.progress()).isEqualTo(100);
    assertThat(state.durationSeconds()).isEqualTo(15.0);
    assertThat(state.posterPath())
        .isEqualTo(MediaLayout.url(input.generationId(), MediaLayout.FINAL_POSTER));
  }

  @Test
  void refusesToCancelAGenerationThatIsNotRunning() throws Exception {
    GenerationInput input = created("Stopped Cold Brew", Instant.now());

    http.post()
        .uri("/api/master-mode/generations/{id}/cancel", input.generationId())
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.CONFLICT)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("It is not running; it is failed.");
  }

  @Test
  void listsGenerationsNewestFirstInPages() throws Exception {
    // Far in the future, so that they come first whatever else this folder holds.
    String oldest = created("Oldest", Instant.parse("2100-01-01T00:00:00Z")).generationId();
    String middle = created("Middle", Instant.parse("2100-01-02T00:00:00Z")).generationId();
    GenerationInput newest = created("Newest", Instant.parse("2100-01-03T00:00:00Z"));
    manifest.write(
        newest.generationId(),
        Manifest.FINAL,
        new FinalAd(MediaLayout.FINAL_VIDEO, MediaLayout.FINAL_POSTER, 15.0, 1280, 720));

    GenerationHistory.Page first = page(0, 2);
    GenerationHistory.Page second = page(1, 2);

    assertThat(first.page()).isZero();
    assertThat(first.size()).isEqualTo(2);
    assertThat(first.total()).isGreaterThanOrEqualTo(3).isEqualTo(second.total());
    assertThat(first.items())
        .extracting(GenerationHistory.Item::generationId)
        .containsExactly(newest.generationId(), middle);
    assertThat(second.items().get(0).generationId()).isEqualTo(oldest);
    GenerationHistory.Item finished = first.items().get(0);
    assertThat(finished.productName()).isEqualTo("Newest");
    assertThat(finished.status()).isEqualTo(Status.COMPLETED);
    assertThat(finished.createdAt()).isEqualTo(Instant.parse("2100-01-03T00:00:00Z"));
    assertThat(finished.durationSeconds()).isEqualTo(15.0);
    assertThat(finished.posterPath())
        .isEqualTo(MediaLayout.url(newest.generationId(), MediaLayout.FINAL_POSTER));
    assertThat(finished.finalVideoPath())
        .isEqualTo(MediaLayout.url(newest.generationId(), MediaLayout.FINAL_VIDEO));
    assertThat(first.items().get(1).status()).isEqualTo(Status.FAILED);
    assertThat(first.items().get(1).finalVideoPath()).isNull();
  }

  @Test
  void writesTheListInSnakeCase() throws Exception {
    String id = created("Wire Cold Brew", Instant.parse("2100-02-01T00:00:00Z")).generationId();

    http.get()
        .uri("/api/master-mode/generations?page=0&size=1")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items[0].generation_id")
        .isEqualTo(id)
        .jsonPath("$.items[0].product_name")
        .isEqualTo("Wire Cold Brew")
        .jsonPath("$.items[0].status")
        .isEqualTo("failed")
        .jsonPath("$.items[0].created_at")
        .isEqualTo("2100-02-01T00:00:00Z")
        .jsonPath("$.page")
        .isEqualTo(0)
        .jsonPath("$.size")
        .isEqualTo(1);
  }

  @Test
  void refusesAPageOutOfRange() {
    http.get()
        .uri("/api/master-mode/generations?page=-1&size=1000")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.errors[*].field")
        .isEqualTo(List.of("page", "size"));
  }

  @Test
  void answers404ForAGenerationNobodyKnows() {
    for (String action : List.of("", "/retry", "/cancel")) {
      (action.isEmpty()
              ? http.get().uri("/api/master-mode/generations/{id}", Generations.newId())
              : http.post().uri("/api/master-mode/generations/{id}" + action, Generations.newId()))
          .exchange()
          .expectStatus()
          .isNotFound()
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
  }

  private GenerationHistory.Page page(int page, int size) {
    return http.get()
        .uri("/api/master-mode/generations?page={page}&size={size}", page, size)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(GenerationHistory.Page.class)
        .returnResult()
        .getResponseBody();
  }
}
