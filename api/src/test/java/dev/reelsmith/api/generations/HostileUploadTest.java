package dev.reelsmith.api.generations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.testing.TestImages;
import dev.reelsmith.api.TestAccounts;
import dev.reelsmith.api.testing.AppTest;
import dev.reelsmith.api.testing.RawHttp;
import dev.reelsmith.api.testing.RawMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Hostile and broken uploads, sent over HTTP as a client would send them, byte for byte where a
 * client's library would tidy them up. Each is refused with the right status and a problem that
 * says what is wrong; after each, nothing is left in the data dir or next to it, and no generation
 * exists.
 */
@AppTest(properties = "reelsmith.upload-read-timeout=2s")
class HostileUploadTest {

  private static final String BRIEF =
      """
      {"product_name": "Aurora Cold Brew", "description": "Cold brew in a glass bottle.",
       "duration_seconds": 15}
      """;

  /** Holds the data dir and nothing else: anything else that appears here escaped it. */
  @TempDir static Path root;

  @TempDir Path files;

  @Autowired WebTestClient http;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("reelsmith.data-dir", () -> root.resolve("data").toString());
  }

  /**
   * Spring deletes the parts it buffered once the response is sent; this waits a moment for that,
   * then expects not a single file.
   */
  @AfterEach
  void nothingWasWrittenAndNothingStarted() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!regularFiles().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    try (Stream<Path> next = Files.list(root)) {
      assertThat(next.map(p -> p.getFileName().toString()))
          .as("beside the data dir")
          .containsOnly("data");
    }
    assertThat(regularFiles()).as("files in the data dir").isEmpty();
    http.get()
        .uri("/api/master-mode/generations")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.total")
        .isEqualTo(0);
  }

  /** The files anywhere under the root; a folder deleted while it is walked is walked again. */
  private static List<Path> regularFiles() throws IOException {
    for (int attempt = 0; ; attempt++) {
      try (Stream<Path> all = Files.walk(root)) {
        return all.filter(Files::isRegularFile).toList();
      } catch (UncheckedIOException | NoSuchFileException deletedMeanwhile) {
        if (attempt == 10) {
          throw deletedMeanwhile;
        }
      }
    }
  }

  // ------------------------------------------------------------------ images

  static Stream<Arguments> unusableImages() {
    return Stream.of(
        image(TestImages::textNamedJpg, "\"notes.jpg\" is a text file, not an image"),
        image(TestImages::htmlNamedPng, "\"page.png\" is a text file, not an image"),
        image(TestImages::zipNamedWebp, "\"archive.webp\" is not a JPEG, PNG or WebP image"),
        image(TestImages::truncatedJpeg, "\"truncated.jpg\" is truncated"),
        image(TestImages::truncatedPng, "\"truncated.png\" is truncated"),
        image(TestImages::corruptJpeg, "\"corrupt.jpg\" is damaged: its image data is corrupt"),
        image(TestImages::corruptPng, "\"corrupt.png\" is damaged"),
        image(TestImages::corruptWebp, "\"corrupt.webp\" is damaged"),
        image(dir -> TestImages.pngClaiming(dir, 20_000, 20_000), "\"bomb.png\" is 20000 × 20000"),
        image(dir -> TestImages.jpegClaiming(dir, 65_000, 65_000), "\"bomb.jpg\" is 65000 × 65000"),
        image(
            dir -> TestImages.webpClaiming(dir, 20_000, 20_000), "\"bomb.webp\" is 20000 × 20000"),
        image(TestImages::animatedGif, "\"animated.gif\" is a GIF"),
        image(TestImages::animatedWebp, "\"animated.webp\" is an animated WebP"),
        image(TestImages::svg, "\"logo.svg\" is an SVG vector drawing"),
        image(TestImages::emptyJpg, "\"empty.jpg\" is empty (0 bytes)"));
  }

  private static Arguments image(Function<Path, Path> file, String detail) {
    return Arguments.of(file, detail);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("unusableImages")
  void refusesAFileThatIsNoUsableImageAtUploadTime(Function<Path, Path> make, String detail) {
    Path file = make.apply(files);
    RawMultipart body =
        new RawMultipart()
            .field("brief", BRIEF)
            .file("images", "photo.jpg", TestImages.jpegPhoto(files))
            .file("images", file.getFileName().toString(), file);

    post(body)
        .expectStatus()
        .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("Unusable image")
        .jsonPath("$.detail")
        .value(String.class, text -> assertThat(text).contains(detail))
        .jsonPath("$.errors[0].field")
        .isEqualTo("images")
        .jsonPath("$.errors[0].message")
        .value(String.class, text -> assertThat(text).contains(detail));
  }

  // ------------------------------------------------------------------ file names

  static Stream<Arguments> hostileFileNames() {
    return Stream.of(
        Arguments.of("../../../escape.jpg", "escape.jpg"),
        Arguments.of("..\\..\\..\\escape.jpg", "escape.jpg"),
        Arguments.of("/tmp/escape.jpg", "escape.jpg"),
        Arguments.of("C:\\Windows\\escape.jpg", "escape.jpg"),
        Arguments.of("escape\u0000.jpg", "escape.jpg"),
        Arguments.of("\u001b[31mescape\u0007\u007f.jpg", "[31mescape.jpg"),
        Arguments.of("escape\u202egpj.exe", "escapegpj.exe"),
        Arguments.of("..", "image 1"),
        Arguments.of("café ☕ 写真.jpg", "café ☕ 写真.jpg"),
        Arguments.of("x".repeat(5000) + ".jpg", "x".repeat(120)));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("hostileFileNames")
  void namesAFileByItsLastSegmentWithoutControlsAndWritesNothingWhereItPoints(
      String fileName, String shown) {
    RawMultipart body =
        new RawMultipart()
            .field("brief", BRIEF)
            .file("images", fileName, TestImages.textNamedJpg(files));

    post(body)
        .expectStatus()
        .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .expectBody()
        .jsonPath("$.detail")
        .value(
            String.class, text -> assertThat(text).startsWith("\"" + shown + "\" is a text file"));
    assertThat(Path.of("/tmp/escape.jpg")).doesNotExist();
  }

  @Test
  void decodesAnRfc5987FileName() {
    RawMultipart body =
        new RawMultipart()
            .field("brief", BRIEF)
            .part(
                "Content-Disposition: form-data; name=\"images\"; filename=\"fallback.jpg\";"
                    + " filename*=UTF-8''caf%C3%A9%20%E2%98%95.jpg\r\nContent-Type: image/jpeg",
                "not a photo".getBytes(StandardCharsets.UTF_8));

    post(body)
        .expectStatus()
        .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, text -> assertThat(text).startsWith("\"café ☕.jpg\" is a text file"));
  }

  @Test
  void refusesAFileNameThatBreaksItsHeaderLine() {
    RawMultipart body =
        new RawMultipart()
            .field("brief", BRIEF)
            .file(
                "images",
                "escape.jpg\"\r\nContent-Type: text/html\r\nX-Evil: \"1",
                "image/jpeg",
                "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));

    post(body)
        .expectStatus()
        .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, text -> assertThat(text).startsWith("\"escape.jpg\" is a text file"));
  }

  // ------------------------------------------------------------------ the brief

  @Test
  void namesEveryBriefFieldOverItsLimit() {
    String brief =
        """
        {"product_name": "%s", "description": "%s", "audience": "%s", "call_to_action": "%s",
         "brand_colors": ["#000000", "#111111", "#222222", "#333333", "#444444"],
         "scene_count": 9, "duration_seconds": 45, "tone": "<b>warm</b>"}
        """
            .formatted("n".repeat(81), "d".repeat(1001), "a".repeat(201), "c".repeat(121));

    Map<String, Object> problem = problem(withImage(brief), HttpStatus.BAD_REQUEST);

    assertThat(fields(problem))
        .containsOnly(
            "brief.product_name",
            "brief.description",
            "brief.audience",
            "brief.call_to_action",
            "brief.brand_colors",
            "brief.scene_count",
            "brief.duration_seconds",
            "brief.tone");
    assertThat((String) problem.get("detail"))
        .startsWith("The brief is invalid: ")
        .contains("product_name: must be at most 80 characters (got 81)")
        .contains("description: must be at most 1000 characters (got 1001)")
        .contains("tone: must be one of warm, energetic, premium, playful, calm, bold")
        .contains("\"<b>warm</b>\"");
  }

  @Test
  void refusesFieldsOfTheWrongTypeAndUnknownFields() {
    String brief =
        """
        {"product_name": 42, "description": ["Cold brew."], "duration_seconds": "30",
         "brand_colors": "#FFFFFF", "music": "jazz", "__proto__": {"admin": true}}
        """;

    Map<String, Object> problem = problem(withImage(brief), HttpStatus.BAD_REQUEST);

    assertThat(fields(problem))
        .containsOnly(
            "brief.product_name",
            "brief.description",
            "brief.duration_seconds",
            "brief.brand_colors",
            "brief.music",
            "brief.__proto__");
    assertThat((String) problem.get("detail"))
        .contains("product_name: must be a string")
        .contains("music: is not a brief field");
  }

  static Stream<Arguments> briefsThatAreNoBrief() {
    return Stream.of(
        Arguments.of("product_name: Aurora", "is not valid JSON"),
        Arguments.of("[]", "must be a JSON object with the brief's fields"),
        Arguments.of("\"a brief\"", "must be a JSON object with the brief's fields"),
        Arguments.of("42", "must be a JSON object with the brief's fields"),
        Arguments.of("null", "must be a JSON object with the brief's fields"),
        Arguments.of(BRIEF + " {\"tone\": \"bold\"}", "is not valid JSON"),
        Arguments.of(
            "{\"product_name\": \"A\", \"product_name\": \"B\", \"description\": \"C\"}",
            "is not valid JSON: Duplicate"),
        Arguments.of(
            "{\"product_name\": " + "[".repeat(5000) + "]".repeat(5000) + "}",
            "is nested more than 8 levels deep"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("briefsThatAreNoBrief")
  void refusesABriefThatIsNotOneJsonObject(String brief, String message) {
    Map<String, Object> problem = problem(withImage(brief), HttpStatus.BAD_REQUEST);

    assertThat(fields(problem)).containsExactly("brief");
    assertThat((String) problem.get("detail")).contains("brief: " + message);
  }

  @Test
  void takesAnEmptyBriefForAMissingOne() {
    Map<String, Object> problem = problem(withImage(""), HttpStatus.BAD_REQUEST);

    assertThat(problem.get("detail")).isEqualTo("The brief is missing.");
    assertThat(fields(problem)).containsExactly("brief");
  }

  @Test
  void refusesABriefThatIsNotUtf8() {
    RawMultipart body =
        new RawMultipart()
            .part(
                "Content-Disposition: form-data; name=\"brief\"",
                "{\"product_name\": \"Caf\u00e9\", \"description\": \"x\"}"
                    .getBytes(StandardCharsets.ISO_8859_1))
            .file("images", "photo.jpg", TestImages.jpegPhoto(files));

    Map<String, Object> problem = problem(body, HttpStatus.BAD_REQUEST);

    assertThat(problem.get("detail")).isEqualTo("The brief is not UTF-8 text.");
    assertThat(fields(problem)).containsExactly("brief");
  }

  @Test
  void refusesABriefWithControlCharacters() {
    Map<String, Object> problem =
        problem(
            withImage(
                "{\"product_name\": \"Aurora\\u0000\\u001b[2J\", \"description\": \"Cold brew.\"}"),
            HttpStatus.BAD_REQUEST);

    assertThat(fields(problem)).containsExactly("brief.product_name");
    assertThat((String) problem.get("detail")).contains("must not contain control characters");
  }

  static Stream<Arguments> hugeBriefs() {
    String padded = BRIEF.replace("{", "{" + " ".repeat(70 * 1024));
    return Stream.of(
        Arguments.of("a 70 KB field", new RawMultipart().field("brief", padded)),
        Arguments.of(
            "a 1 MB field",
            new RawMultipart().field("brief", BRIEF.replace("{", "{" + " ".repeat(1 << 20)))),
        Arguments.of(
            "a 1 MB file",
            new RawMultipart()
                .file(
                    "brief",
                    "brief.json",
                    "application/json",
                    BRIEF
                        .replace("{", "{" + " ".repeat(1 << 20))
                        .getBytes(StandardCharsets.UTF_8))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hugeBriefs")
  void refusesAHugeBriefAsTooLarge(String what, RawMultipart body) {
    body.file("images", "photo.jpg", TestImages.jpegPhoto(files));

    Map<String, Object> problem = problem(body, HttpStatus.CONTENT_TOO_LARGE);

    assertThat(problem.get("detail"))
        .isEqualTo("The brief is over 64 KB; its fields need a few kilobytes at most.");
    assertThat(fields(problem)).containsExactly("brief");
  }

  @Test
  void refusesABriefSentTwice() {
    RawMultipart body =
        new RawMultipart()
            .field("brief", BRIEF)
            .field("brief", BRIEF.replace("Aurora", "Other"))
            .file("images", "photo.jpg", TestImages.jpegPhoto(files));

    Map<String, Object> problem = problem(body, HttpStatus.BAD_REQUEST);

    assertThat(problem.get("detail")).isEqualTo("Send one brief, not 2.");
    assertThat(fields(problem)).containsExactly("brief");
  }

  @Test
  void refusesABriefFileThatIsAnImage() {
    RawMultipart body =
        new RawMultipart()
            .file("brief", "brief.json", TestImages.tinyPng(files))
            .file("images", "photo.jpg", TestImages.jpegPhoto(files));

    Map<String, Object> problem = problem(body, HttpStatus.BAD_REQUEST);

    assertThat(problem.get("detail")).isEqualTo("The brief is not UTF-8 text.");
    assertThat(fields(problem)).containsExactly("brief");
  }

  // ------------------------------------------------------------------ the request's shape

  static Stream<Arguments> notMultipart() {
    return Stream.of(
        Arguments.of(MediaType.APPLICATION_JSON_VALUE, BRIEF),
        Arguments.of(MediaType.APPLICATION_FORM_URLENCODED_VALUE, "brief=%7B%7D&images=a.jpg"),
        Arguments.of(MediaType.TEXT_PLAIN_VALUE, BRIEF),
        Arguments.of("multipart/mixed; boundary=" + RawMultipart.BOUNDARY, BRIEF),
        Arguments.of(MediaType.IMAGE_JPEG_VALUE, "\u00ff\u00d8\u00ff"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notMultipart")
  void refusesABodyThatIsNotMultipartFormData(String contentType, String body) {
    http.post()
        .uri("/api/master-mode/generations")
        .header(HttpHeaders.CONTENT_TYPE, contentType)
        .bodyValue(body.getBytes(StandardCharsets.UTF_8))
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, text -> assertThat(text).contains("multipart/form-data"));
  }

  @Test
  void refusesMultipartWithoutABoundary() {
    byte[] body = withImage(BRIEF).bytes();

    Map<String, Object> problem =
        problem(MediaType.MULTIPART_FORM_DATA_VALUE, body, HttpStatus.BAD_REQUEST);

    assertThat((String) problem.get("detail"))
        .startsWith("The body is not well-formed multipart/form-data: ")
        .contains("boundary");
  }

  @Test
  void refusesMultipartThatEndsBeforeItsClosingBoundary() {
    byte[] body = withImage(BRIEF).unterminated();

    Map<String, Object> problem = problem(RawMultipart.contentType(), body, HttpStatus.BAD_REQUEST);

    assertThat((String) problem.get("detail"))
        .startsWith("The body is not well-formed multipart/form-data: ");
  }

  @Test
  void refusesImagesSentAsTextFields() {
    RawMultipart body = new RawMultipart().field("brief", BRIEF).field("images", "photo.jpg");

    Map<String, Object> problem = problem(body, HttpStatus.BAD_REQUEST);

    assertThat(problem.get("detail")).isEqualTo("Each \"images\" part must be a file.");
    assertThat(fields(problem)).containsExactly("images");
  }

  @Test
  void namesAnUnknownPartWithoutEchoingControls() {
    RawMultipart body = withImage(BRIEF).field("music\u0007", "jazz");

    Map<String, Object> problem = problem(body, HttpStatus.BAD_REQUEST);

    assertThat(problem.get("detail"))
        .isEqualTo("Unknown part \"music\": send only \"brief\", \"images\" and \"music\".");
    assertThat(fields(problem)).containsExactly("music");
  }

  // ------------------------------------------------------------------ sizes

  @Test
  void refusesTooManyPartsAsTooLarge() {
    RawMultipart body = new RawMultipart().field("brief", BRIEF);
    for (int i = 0; i < 16; i++) {
      body.file("images", "tiny-" + i + ".jpg", "image/jpeg", new byte[] {1});
    }

    Map<String, Object> problem = problem(body, HttpStatus.CONTENT_TOO_LARGE);

    assertThat(problem.get("detail"))
        .isEqualTo("Too many parts: send one brief and at most 10 images (16 parts at most).");
    assertThat(fields(problem)).containsExactly("images");
  }

  @Test
  void refusesAnImageOverFifteenMegabytesAsTooLarge() {
    RawMultipart body =
        withImage(BRIEF).file("images", "huge.jpg", "image/jpeg", new byte[15 * 1024 * 1024 + 1]);

    Map<String, Object> problem = problem(body, HttpStatus.CONTENT_TOO_LARGE);

    assertThat(problem.get("detail"))
        .isEqualTo("An image is over 15 MB; each may be at most 15 MB.");
    assertThat(fields(problem)).containsExactly("images");
  }

  @Test
  void refusesPartHeadersOverTheirLimitAsTooLarge() {
    RawMultipart body =
        withImage(BRIEF).file("images", "x".repeat(20_000) + ".jpg", "image/jpeg", new byte[] {1});

    Map<String, Object> problem = problem(body, HttpStatus.CONTENT_TOO_LARGE);

    assertThat(problem.get("detail")).isEqualTo("A part's headers are too long.");
  }

  /**
   * The answer to an upload refused part-way reaches a client that sends its whole body before it
   * reads, as curl and many others do: the server reads the rest before it closes the connection,
   * instead of resetting it under the answer. A raw socket, because Spring's client reads while it
   * sends and would not notice; the answer's details are the other tests' business, this one wants
   * a whole answer every time, where a reset used to lose it every time.
   */
  @Test
  void answersAnUploadRefusedPartWayToAClientThatSendsItAllFirst() throws IOException {
    byte[] body =
        new RawMultipart()
            .field("brief", BRIEF)
            .file("images", "x".repeat(20_000) + ".jpg", "image/jpeg", new byte[4_000_000])
            .bytes();
    String head =
        "POST /api/master-mode/generations HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
            + TestAccounts.basic(TestAccounts.USER, TestAccounts.PASSWORD)
            + "\r\nContent-Type: "
            + RawMultipart.contentType()
            + "\r\nContent-Length: "
            + body.length
            + "\r\n";

    for (int attempt = 0; attempt < 10; attempt++) {
      RawHttp.Response answer = RawHttp.request(port, head, body);

      assertThat(answer.status()).isBetween(400, 499);
    }
  }

  @Test
  void refusesAnUploadAnnouncedOverTheLimitBeforeReadingItsBody() {
    long announced = 200L * 1024 * 1024;
    Flux<DataBuffer> endless =
        Flux.range(0, (int) (announced / 65536))
            .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[65536]));

    http.mutate()
        .responseTimeout(Duration.ofSeconds(20))
        .build()
        .post()
        .uri("/api/master-mode/generations")
        .header(HttpHeaders.CONTENT_TYPE, RawMultipart.contentType())
        .contentLength(announced)
        .body(BodyInserters.fromDataBuffers(endless))
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo(
            "The upload is 200 MB; one upload may be at most 151 MB (the brief and 10 images of"
                + " 15 MB).");
  }

  @Test
  void answersAnUploadThatStallsAndClosesIt() {
    byte[] whole =
        withImage(BRIEF)
            .file("images", "notes.jpg", "image/jpeg", "text ".repeat(100_000).getBytes())
            .bytes();
    Flux<DataBuffer> stalled =
        Flux.concat(
            Mono.just(DefaultDataBufferFactory.sharedInstance.wrap(Arrays.copyOf(whole, 200_000))),
            Mono.never());

    http.post()
        .uri("/api/master-mode/generations")
        .header(HttpHeaders.CONTENT_TYPE, RawMultipart.contentType())
        .contentLength(whole.length)
        .body(BodyInserters.fromDataBuffers(stalled))
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.REQUEST_TIMEOUT)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo(
            "The upload stopped arriving, so the server stopped waiting for it; send it again.");
  }

  /**
   * An image streams into the upload's private folder inside the data dir as it arrives (never to
   * the system's temporary folder), and the folder goes when the upload is answered.
   */
  @Test
  void receivesImagesInsideTheDataDirAndDeletesThemAfterwards() throws Exception {
    byte[] whole =
        withImage(BRIEF)
            .file("images", "notes.jpg", "image/jpeg", "text ".repeat(100_000).getBytes())
            .bytes();
    int half = whole.length / 2;
    Path incoming = root.resolve("data/.incoming");
    Flux<DataBuffer> slow =
        Flux.concat(
            Mono.just(DefaultDataBufferFactory.sharedInstance.wrap(Arrays.copyOf(whole, half))),
            Mono.delay(Duration.ofSeconds(1))
                .map(
                    tick ->
                        DefaultDataBufferFactory.sharedInstance.wrap(
                            Arrays.copyOfRange(whole, half, whole.length))));
    List<Path> seen = new CopyOnWriteArrayList<>();
    Thread watcher =
        new Thread(
            () -> {
              long end = System.nanoTime() + Duration.ofSeconds(1).toNanos();
              while (System.nanoTime() < end && seen.isEmpty()) {
                try (Stream<Path> received = Files.walk(incoming)) {
                  received.filter(Files::isRegularFile).forEach(seen::add);
                  Thread.sleep(20);
                } catch (IOException | InterruptedException e) {
                  return;
                }
              }
            });
    watcher.start();

    http.post()
        .uri("/api/master-mode/generations")
        .header(HttpHeaders.CONTENT_TYPE, RawMultipart.contentType())
        .body(BodyInserters.fromDataBuffers(slow))
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    watcher.join();

    assertThat(seen).as("received while the upload was in flight").isNotEmpty();
  }

  // ------------------------------------------------------------------ helpers

  private RawMultipart withImage(String brief) {
    return new RawMultipart()
        .field("brief", brief)
        .file("images", "photo.jpg", TestImages.jpegPhoto(files));
  }

  private WebTestClient.ResponseSpec post(RawMultipart body) {
    return http.post()
        .uri("/api/master-mode/generations")
        .header(HttpHeaders.CONTENT_TYPE, RawMultipart.contentType())
        .bodyValue(body.bytes())
        .exchange();
  }

  private Map<String, Object> problem(RawMultipart body, HttpStatus status) {
    return problem(RawMultipart.contentType(), body.bytes(), status);
  }

  private Map<String, Object> problem(String contentType, byte[] body, HttpStatus status) {
    return http.post()
        .uri("/api/master-mode/generations")
        .header(HttpHeaders.CONTENT_TYPE, contentType)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isEqualTo(status)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
        .returnResult()
        .getResponseBody();
  }

  @SuppressWarnings("unchecked")
  private static List<String> fields(Map<String, Object> problem) {
    List<Map<String, String>> errors = (List<Map<String, String>>) problem.get("errors");
    assertThat(errors).as("errors of %s", problem).isNotNull();
    return errors.stream().map(error -> error.get("field")).toList();
  }
}
