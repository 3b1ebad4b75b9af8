package dev.reelsmith.api.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.api.TestAccounts;
import dev.reelsmith.api.testing.AppTest;
import dev.reelsmith.api.testing.RawHttp;
import dev.reelsmith.api.testing.ReelsmithClient;
import dev.reelsmith.workflows.Briefs;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationSettings;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code /media/…} over HTTP: a real generation's artefacts with ranges, downloads and caching, and
 * a hand-made folder that every kind of path trick tries to escape.
 */
@AppTest
class MediaControllerTest {

  @TempDir static Path data;
  @TempDir static Path outside;
  @TempDir static Path scratch;

  /** A generation folder made by hand, the target of the traversal attempts. */
  private static final String VICTIM = Generations.newId();

  /** Another generation, which the victim's links must not reach either. */
  private static final String OTHER = Generations.newId();

  private static String finished;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("reelsmith.data-dir", () -> data.toString());
  }

  @Autowired WebTestClient http;
  @LocalServerPort int port;

  @BeforeAll
  static void makeFoldersToEscapeFrom() throws Exception {
    Path victim = Files.createDirectories(data.resolve(VICTIM));
    Files.writeString(victim.resolve("final.mp4"), "VICTIM-OK");
    Files.createDirectories(victim.resolve("scene_videos"));
    Files.writeString(victim.resolve("scene_videos/.scene_01.1234abcd.part.mp4"), "PART-SECRET");
    Files.writeString(victim.resolve(".hidden.mp4"), "HIDDEN-SECRET");
    // Owned by the tests' account, with a secret in the manifest that must never be served.
    new Manifest(new LocalMediaStore(data))
        .create(
            new GenerationInput(
                VICTIM,
                Briefs.parse(ReelsmithClient.BRIEF.replace("Aurora", "MANIFEST-SECRET")),
                List.of(),
                GenerationSettings.DEFAULTS,
                TestAccounts.USER),
            Instant.now());
    Files.writeString(victim.resolve("manifest/poster.png"), "MANIFEST-SECRET");
    Files.writeString(outside.resolve("secret.mp4"), "OUTSIDE-SECRET");
    Files.createSymbolicLink(
        victim.resolve("scene_videos/leak.mp4"), outside.resolve("secret.mp4"));
    Files.createSymbolicLink(victim.resolve("linked"), outside);
    Files.createSymbolicLink(
        victim.resolve("scene_videos/inside.png"), victim.resolve("manifest/poster.png"));
    Files.writeString(data.resolve("secret.mp4"), "DATA-ROOT-SECRET");
    Path other = Files.createDirectories(data.resolve(OTHER));
    Files.writeString(other.resolve("final.mp4"), "OTHER-GENERATION-SECRET");
  }

  private ReelsmithClient client;

  @BeforeEach
  void client() {
    client = new ReelsmithClient(http);
  }

  /** One real generation, made once for every test that needs real artefacts. */
  private GenerationSnapshot finished() throws Exception {
    if (finished == null) {
      String id = client.create(scratch);
      client.awaitCompleted(id);
      finished = id;
    }
    return client.state(finished);
  }

  private byte[] finalBytes() throws Exception {
    return Files.readAllBytes(data.resolve(finished().generationId()).resolve("final.mp4"));
  }

  @Test
  void servesTheFinalAdInRangesWithTheExactBytes() throws Exception {
    GenerationSnapshot ad = finished();
    byte[] file = finalBytes();

    byte[] body =
        http.get()
            .uri(ad.finalVideoPath())
            .header(HttpHeaders.RANGE, "bytes=100-1099")
            .exchange()
            .expectStatus()
            .isEqualTo(HttpStatus.PARTIAL_CONTENT)
            .expectHeader()
            .valueEquals(HttpHeaders.CONTENT_RANGE, "bytes 100-1099/" + file.length)
            .expectHeader()
            .contentLength(1000)
            .expectHeader()
            .contentType("video/mp4")
            .expectHeader()
            .valueEquals(HttpHeaders.ACCEPT_RANGES, "bytes")
            .expectBody(byte[].class)
            .returnResult()
            .getResponseBody();

    assertThat(body).isEqualTo(Arrays.copyOfRange(file, 100, 1100));
  }

  @Test
  void servesTheTailOfTheAdFromAnOpenRange() throws Exception {
    GenerationSnapshot ad = finished();
    byte[] file = finalBytes();
    int from = file.length - 500;

    byte[] body =
        http.get()
            .uri(ad.finalVideoPath())
            .header(HttpHeaders.RANGE, "bytes=" + from + "-")
            .exchange()
            .expectStatus()
            .isEqualTo(HttpStatus.PARTIAL_CONTENT)
            .expectHeader()
            .valueEquals(
                HttpHeaders.CONTENT_RANGE,
                "bytes " + from + "-" + (file.length - 1) + "/" + file.length)
            .expectBody(byte[].class)
            .returnResult()
            .getResponseBody();

    assertThat(body).isEqualTo(Arrays.copyOfRange(file, from, file.length));
  }

  @Test
  void answersABrowsersTwoByteProbe() throws Exception {
    GenerationSnapshot ad = finished();
    byte[] file = finalBytes();

    byte[] body =
        http.get()
            .uri(ad.finalVideoPath())
            .header(HttpHeaders.RANGE, "bytes=0-1")
            .exchange()
            .expectStatus()
            .isEqualTo(HttpStatus.PARTIAL_CONTENT)
            .expectHeader()
            .valueEquals(HttpHeaders.CONTENT_RANGE, "bytes 0-1/" + file.length)
            .expectBody(byte[].class)
            .returnResult()
            .getResponseBody();

    assertThat(body).containsExactly(file[0], file[1]);
  }

  @Test
  void refusesARangeThatStartsPastTheEnd() throws Exception {
    GenerationSnapshot ad = finished();
    byte[] file = finalBytes();

    http.get()
        .uri(ad.finalVideoPath())
        .header(HttpHeaders.RANGE, "bytes=" + file.length + "-")
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
        .expectHeader()
        .valueEquals(HttpHeaders.CONTENT_RANGE, "bytes */" + file.length);
  }

  @Test
  void servesTheWholeAdAsImmutableAndPrivate() throws Exception {
    GenerationSnapshot ad = finished();
    byte[] file = finalBytes();

    byte[] body =
        http.mutate()
            .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(file.length))
            .build()
            .get()
            .uri(ad.finalVideoPath())
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType("video/mp4")
            .expectHeader()
            .valueEquals(HttpHeaders.ACCEPT_RANGES, "bytes")
            .expectHeader()
            .valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=31536000, private, immutable")
            .expectHeader()
            .exists(HttpHeaders.ETAG)
            .expectHeader()
            .exists(HttpHeaders.LAST_MODIFIED)
            .expectHeader()
            .doesNotExist(HttpHeaders.CONTENT_DISPOSITION)
            .expectBody(byte[].class)
            .returnResult()
            .getResponseBody();

    assertThat(body).isEqualTo(file);
  }

  @Test
  void answersARevalidationWithNotModified() throws Exception {
    GenerationSnapshot ad = finished();
    String etag =
        http.get()
            .uri(ad.posterPath())
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(byte[].class)
            .getResponseHeaders()
            .getETag();

    http.get()
        .uri(ad.posterPath())
        .header(HttpHeaders.IF_NONE_MATCH, etag)
        .exchange()
        .expectStatus()
        .isNotModified();
  }

  @Test
  void offersTheAdAsAnAttachmentWhenAskedToDownload() throws Exception {
    GenerationSnapshot ad = finished();

    http.get()
        .uri(ad.finalVideoPath() + "?download=1")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentType("video/mp4")
        .expectHeader()
        .valueEquals(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"reelsmith-"
                + ad.generationId().substring(0, 8)
                + "-final.mp4\"");
  }

  @Test
  void servesEveryLinkOfTheStateWithItsType() throws Exception {
    GenerationSnapshot ad = finished();

    expectType(ad.posterPath(), MediaType.IMAGE_JPEG);
    assertThat(ad.sceneVideos()).hasSize(3);
    for (String scene : ad.sceneVideos()) {
      expectType(scene, MediaType.parseMediaType("video/mp4"));
    }
    assertThat(ad.sceneStates())
        .allSatisfy(scene -> expectType(scene.poster(), MediaType.IMAGE_JPEG));
    expectType(MediaLayout.url(ad.generationId(), MediaLayout.reference(2)), MediaType.IMAGE_PNG);
    expectType(
        MediaLayout.url(ad.generationId(), MediaLayout.upload(1, "jpg")), MediaType.IMAGE_JPEG);
  }

  private void expectType(String link, MediaType type) {
    http.get()
        .uri(link)
        .header(HttpHeaders.RANGE, "bytes=0-1")
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.PARTIAL_CONTENT)
        .expectHeader()
        .contentType(type);
  }

  @Test
  void answersAProblemForAnUnknownGeneration() {
    http.get()
        .uri(MediaLayout.url(Generations.newId(), MediaLayout.FINAL_VIDEO))
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("Generation not found");
  }

  @Test
  void answersAProblemForAFileTheGenerationDoesNotHave() {
    http.get()
        .uri(MediaLayout.url(VICTIM, MediaLayout.sceneVideo(7)))
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("Media not found");
  }

  @Test
  void servesTheHandMadeFolderToAPlainRequest() throws Exception {
    RawHttp.Response response = RawHttp.get(port, "/media/" + VICTIM + "/final.mp4");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text()).endsWith("VICTIM-OK");
  }

  static Stream<String> escapes() {
    String secret = data.resolve("secret.mp4").toString();
    String encodedSecret = URLEncoder.encode(secret, StandardCharsets.UTF_8);
    String media = "/media/" + VICTIM + "/";
    return Stream.of(
        media + "../" + OTHER + "/final.mp4",
        media + "../secret.mp4",
        media + "scene_videos/../../secret.mp4",
        media + "%2e%2e/" + OTHER + "/final.mp4",
        media + "%2E%2E/secret.mp4",
        media + "..%2Fsecret.mp4",
        media + "%2e%2e%2fsecret.mp4",
        media + "%2e%2e%2f" + OTHER + "%2ffinal.mp4",
        media + "%252e%252e/secret.mp4",
        media + "/" + secret,
        media + encodedSecret,
        media + "%2F" + secret.substring(1),
        media + "..%5Csecret.mp4",
        media + "..%5C..%5C" + OTHER + "%5Cfinal.mp4",
        media + "final.mp4%00.png",
        media + "./final.mp4/../../secret.mp4",
        media + "scene_videos/leak.mp4",
        media + "linked/secret.mp4",
        media + "scene_videos/inside.png",
        media + "manifest/generation.json",
        media + "manifest/poster.png",
        media + "%6Danifest/poster.png",
        media + "scene_videos/.scene_01.1234abcd.part.mp4",
        media + ".hidden.mp4",
        "/media/%2e%2e/secret.mp4",
        "/media/..%2F" + OTHER + "/final.mp4",
        "/media/" + VICTIM + "%2F..%2F" + OTHER + "/final.mp4");
  }

  @Test
  void leavesARawBackslashToTheHttpServerToRefuse() throws Exception {
    RawHttp.Response response = RawHttp.get(port, "/media/" + VICTIM + "/..\\secret.mp4");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text()).doesNotContain("SECRET");
  }

  /**
   * Each path goes out twice: through WebTestClient (given an absolute {@link URI}, it sends the
   * path as written, dot segments and escapes included) and byte for byte over a socket. Spring
   * Security's firewall refuses encoded separators and dot segments before they reach the media
   * controller (400); what it lets through, the controller refuses (404).
   */
  @ParameterizedTest
  @MethodSource("escapes")
  void neverServesAFileOutsideTheGenerationsFolder(String target) throws Exception {
    String body =
        http.get()
            .uri(URI.create("http://localhost:" + port + target))
            .exchange()
            .expectStatus()
            .value(status -> assertThat(status).isIn(400, 404))
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    RawHttp.Response raw = RawHttp.get(port, target);

    assertThat(body).doesNotContain("SECRET");
    assertThat(raw.status()).as(raw.text()).isIn(400, 404);
    assertThat(raw.text()).doesNotContain("SECRET");
  }
}
