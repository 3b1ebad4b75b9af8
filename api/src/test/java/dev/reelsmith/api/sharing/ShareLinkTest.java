package dev.reelsmith.api.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.activities.storage.MediaStore;
import dev.reelsmith.api.TestAccounts;
import dev.reelsmith.api.testing.AppTest;
import dev.reelsmith.api.testing.ReelsmithClient;
import dev.reelsmith.workflows.Briefs;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.FinalAd;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Share links: a finished ad's owner gets one; with it anyone, signed in or not, can watch and
 * download that ad's final video and poster, and reach nothing else. The generations are recorded
 * by hand, with made-up bytes for their media: sharing never looks inside the files.
 */
@AppTest
class ShareLinkTest {

  @TempDir static Path data;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("reelsmith.data-dir", () -> data.toString());
  }

  @Autowired WebTestClient http;
  @Autowired MediaStore store;
  @Autowired ShareTokens tokens;
  @LocalServerPort int port;

  private WebTestClient anonymous;
  private WebTestClient other;

  @BeforeEach
  void clients() {
    anonymous = TestAccounts.anonymous(http);
    other = TestAccounts.as(http, TestAccounts.OTHER_USER, TestAccounts.OTHER_PASSWORD);
  }

  /** A generation of the tests' account, finished when {@code finished}, with media files. */
  private String recorded(boolean finished) throws Exception {
    String id = Generations.newId();
    Manifest manifest = new Manifest(store);
    manifest.create(
        new GenerationInput(
            id,
            Briefs.parse(ReelsmithClient.BRIEF),
            List.of(),
            GenerationSettings.DEFAULTS,
            TestAccounts.USER),
        Instant.now());
    Path folder = store.folder(id);
    Files.write(folder.resolve(MediaLayout.FINAL_VIDEO), video());
    Files.write(folder.resolve(MediaLayout.FINAL_POSTER), new byte[] {(byte) 0xFF, (byte) 0xD8});
    Files.createDirectories(folder.resolve("scene_videos"));
    Files.writeString(folder.resolve(MediaLayout.sceneVideo(1)), "SCENE");
    Files.createDirectories(folder.resolve("references"));
    Files.writeString(folder.resolve(MediaLayout.reference(1)), "REFERENCE");
    if (finished) {
      manifest.write(
          id,
          Manifest.FINAL,
          new FinalAd(MediaLayout.FINAL_VIDEO, MediaLayout.FINAL_POSTER, 15.0, 1280, 720));
    }
    return id;
  }

  private static byte[] video() {
    byte[] bytes = new byte[4096];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31);
    }
    return bytes;
  }

  private ShareController.ShareLink share(String id, String query) {
    return http.post()
        .uri("/api/master-mode/generations/{id}/share" + query, id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(ShareController.ShareLink.class)
        .returnResult()
        .getResponseBody();
  }

  private static String token(ShareController.ShareLink link) {
    return link.shareUrl().substring(link.shareUrl().lastIndexOf('/') + 1);
  }

  @Test
  void theOwnerGetsALinkThatLetsAnyoneWatchAndDownloadTheAd() throws Exception {
    String id = recorded(true);

    ShareController.ShareLink link = share(id, "");
    String token = token(link);
    ShareController.SharedAd shared =
        anonymous
            .get()
            .uri("/api/share/{token}", token)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(ShareController.SharedAd.class)
            .returnResult()
            .getResponseBody();
    byte[] range =
        anonymous
            .get()
            .uri(shared.videoUrl())
            .header(HttpHeaders.RANGE, "bytes=100-1099")
            .exchange()
            .expectStatus()
            .isEqualTo(HttpStatus.PARTIAL_CONTENT)
            .expectHeader()
            .valueEquals(HttpHeaders.CONTENT_RANGE, "bytes 100-1099/4096")
            .expectHeader()
            .contentType("video/mp4")
            .expectBody(byte[].class)
            .returnResult()
            .getResponseBody();

    String origin = "http://localhost:" + port;
    assertThat(link.shareUrl()).isEqualTo(origin + "/share/" + token);
    assertThat(link.videoUrl())
        .isEqualTo(origin + MediaLayout.url(id, MediaLayout.FINAL_VIDEO) + "?share=" + token);
    assertThat(link.posterUrl())
        .isEqualTo(origin + MediaLayout.url(id, MediaLayout.FINAL_POSTER) + "?share=" + token);
    assertThat(link.expiresAt())
        .isCloseTo(Instant.now().plus(Duration.ofDays(7)), within(1, ChronoUnit.MINUTES));
    assertThat(shared.productName()).isEqualTo("Aurora Cold Brew");
    assertThat(shared.durationSeconds()).isEqualTo(15.0);
    assertThat(shared.expiresAt()).isEqualTo(link.expiresAt());
    assertThat(origin + shared.videoUrl()).isEqualTo(link.videoUrl());
    assertThat(origin + shared.posterUrl()).isEqualTo(link.posterUrl());
    assertThat(range).isEqualTo(Arrays.copyOfRange(video(), 100, 1100));
    anonymous
        .get()
        .uri(shared.posterUrl())
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentType(MediaType.IMAGE_JPEG);
    anonymous
        .get()
        .uri(shared.videoUrl() + "&download=1")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .value(
            HttpHeaders.CONTENT_DISPOSITION, value -> assertThat(value).startsWith("attachment"));
  }

  @Test
  void aShareTokenOpensNothingElse() throws Exception {
    String id = recorded(true);
    String token = token(share(id, ""));
    String elsewhere = recorded(true);

    for (String path :
        List.of(
            MediaLayout.url(id, MediaLayout.sceneVideo(1)),
            MediaLayout.url(id, MediaLayout.reference(1)),
            MediaLayout.url(elsewhere, MediaLayout.FINAL_VIDEO))) {
      anonymous
          .get()
          .uri(path + "?share=" + token)
          .exchange()
          .expectStatus()
          .isNotFound()
          .expectBody()
          .jsonPath("$.title")
          .isEqualTo("Generation not found");
    }
    for (String path :
        List.of(
            "/api/master-mode/generations/{id}?share=", "/api/master-mode/progress/{id}?share=")) {
      anonymous.get().uri(path + token, id).exchange().expectStatus().isUnauthorized();
      other.get().uri(path + token, id).exchange().expectStatus().isNotFound();
    }
    other
        .get()
        .uri(MediaLayout.url(id, MediaLayout.FINAL_VIDEO) + "?share=" + token)
        .exchange()
        .expectStatus()
        .isOk();
    other
        .get()
        .uri(MediaLayout.url(id, MediaLayout.sceneVideo(1)) + "?share=" + token)
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  @Test
  void anExpiredLinkIsGone() throws Exception {
    String id = recorded(true);
    String expired = tokens.issue(id, Instant.now().minusSeconds(1));

    anonymous
        .get()
        .uri("/api/share/{token}", expired)
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.GONE)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("Share link expired");
    anonymous
        .get()
        .uri(MediaLayout.url(id, MediaLayout.FINAL_VIDEO) + "?share=" + expired)
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.GONE);
  }

  @Test
  void aTamperedOrForgedLinkOpensNothing() throws Exception {
    String id = recorded(true);
    String token = token(share(id, ""));
    String payload = token.substring(0, token.indexOf('.'));
    String signature = token.substring(token.indexOf('.') + 1);
    byte[] longer = Base64.getUrlDecoder().decode(payload);
    longer[longer.length - 2]++;
    char flipped = signature.charAt(10) == 'A' ? 'B' : 'A';

    for (String forged :
        List.of(
            payload + "." + signature.substring(0, 10) + flipped + signature.substring(11),
            Base64.getUrlEncoder().withoutPadding().encodeToString(longer) + "." + signature,
            tokens.issue(id, Instant.now().plusSeconds(60)).replaceFirst("\\..*", ".") + signature,
            payload,
            "not-a-token")) {
      anonymous
          .get()
          .uri("/api/share/{token}", forged)
          .exchange()
          .expectStatus()
          .isNotFound()
          .expectBody()
          .jsonPath("$.title")
          .isEqualTo("Shared ad not found");
      anonymous
          .get()
          .uri(MediaLayout.url(id, MediaLayout.FINAL_VIDEO) + "?share={token}", forged)
          .exchange()
          .expectStatus()
          .isNotFound();
    }
  }

  @Test
  void aLinkLastsAWeekUnlessAskedAndAtMostAMonth() throws Exception {
    String id = recorded(true);

    assertThat(share(id, "?days=30").expiresAt())
        .isCloseTo(Instant.now().plus(Duration.ofDays(30)), within(1, ChronoUnit.MINUTES));
    assertThat(share(id, "?days=1").expiresAt())
        .isCloseTo(Instant.now().plus(Duration.ofDays(1)), within(1, ChronoUnit.MINUTES));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 31, -1})
  void refusesALifetimeOutOfRange(int days) throws Exception {
    String id = recorded(true);

    http.post()
        .uri("/api/master-mode/generations/{id}/share?days={days}", id, days)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("days");
  }

  @Test
  void onlyAFinishedAdIsSharedAndOnlyByItsOwner() throws Exception {
    String unfinished = recorded(false);
    String finished = recorded(true);

    http.post()
        .uri("/api/master-mode/generations/{id}/share", unfinished)
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.CONFLICT)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("Only a finished ad can be shared; this one is failed.");
    other
        .post()
        .uri("/api/master-mode/generations/{id}/share", finished)
        .exchange()
        .expectStatus()
        .isNotFound();
  }
}
