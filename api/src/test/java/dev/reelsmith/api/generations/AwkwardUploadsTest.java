package dev.reelsmith.api.generations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.activities.testing.TestImages;
import dev.reelsmith.api.testing.AppTest;
import dev.reelsmith.api.testing.RawMultipart;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import dev.reelsmith.workflows.messages.ImageRef;
import dev.reelsmith.workflows.messages.SceneParams;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Uploads that look hostile or unusual but are fine, accepted and handled right from the upload to
 * the files the pipeline works on: print-shop CMYK, 16-bit and sideways phone photos; file names
 * that point elsewhere or hold control characters; a brief full of markup. The generations are left
 * running: the application, and their renders with it, stops when the class ends ({@link AppTest}).
 */
@AppTest
class AwkwardUploadsTest {

  private static final String BRIEF =
      """
      {"product_name": "Aurora Cold Brew", "description": "Cold brew in a glass bottle.",
       "duration_seconds": 15}
      """;

  /** Holds the data dir and nothing else: anything else that appears here escaped it. */
  @TempDir static Path root;

  @TempDir Path files;

  @Autowired WebTestClient http;

  /** Generations render while the next test uploads; on two cores that takes its time. */
  @BeforeEach
  void patientClient() {
    http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
  }

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("reelsmith.data-dir", () -> data().toString());
  }

  private static Path data() {
    return root.resolve("data");
  }

  @Test
  void turnsCmykSixteenBitAndSidewaysPhotosIntoUprightEightBitSrgbReferences() throws Exception {
    RawMultipart body =
        new RawMultipart()
            .field("brief", BRIEF)
            .file("images", "print.jpg", TestImages.cmykJpeg(files))
            .file("images", "raw.png", TestImages.sixteenBitPng(files))
            .file("images", "phone.jpg", TestImages.exifRotatedJpeg(files));

    String id = create(body);
    Manifest manifest = manifest();
    await(() -> manifest.has(id, Manifest.IMAGES));

    BufferedImage cmyk = reference(id, 1);
    BufferedImage sixteen = reference(id, 2);
    BufferedImage sideways = reference(id, 3);
    for (BufferedImage reference : List.of(cmyk, sixteen, sideways)) {
      assertThat(reference.getColorModel().getColorSpace().isCS_sRGB()).isTrue();
      assertThat(Arrays.stream(reference.getColorModel().getComponentSize()).distinct())
          .containsExactly(8);
    }
    // Cyan ink on the left half, magenta and yellow (red) on the right.
    assertThat(blue(cmyk.getRGB(20, 50))).isGreaterThan(180);
    assertThat(red(cmyk.getRGB(20, 50))).isLessThan(80);
    assertThat(red(cmyk.getRGB(140, 50))).isGreaterThan(180);
    assertThat(sixteen.getRGB(100, 50) & 0xFFFFFF)
        .isEqualTo(TestImages.photo(320, 200).getRGB(100, 50) & 0xFFFFFF);
    // Stored 300 × 200 with orientation 6: upright it stands 200 × 300, its red corner top-right.
    assertThat(sideways.getWidth()).isEqualTo(200);
    assertThat(sideways.getHeight()).isEqualTo(300);
    assertThat(red(sideways.getRGB(190, 10))).isGreaterThan(200);
    assertThat(red(sideways.getRGB(10, 10))).isLessThan(200);
  }

  @Test
  void storesImagesUnderItsOwnNamesAndKeepsOnlyACleanNameOfTheClients() throws Exception {
    Path photo = TestImages.jpegPhoto(files);
    List<String> sent =
        List.of(
            "../../../escape.jpg",
            "..\\..\\escape.jpg",
            "/tmp/escape.jpg",
            "escape\u0000name.jpg",
            "\u001b[2Jwipe\r.jpg",
            "café ☕ 写真.jpg",
            "<img src=x onerror=alert(1)>.jpg");
    RawMultipart body = new RawMultipart().field("brief", BRIEF);
    sent.forEach(name -> body.file("images", name, photo));

    String id = create(body);

    List<ImageRef> images = manifest().read(id, Manifest.GENERATION).orElseThrow().images();
    assertThat(images)
        .extracting(ImageRef::path)
        .containsExactly(
            MediaLayout.upload(1, "jpg"),
            MediaLayout.upload(2, "jpg"),
            MediaLayout.upload(3, "jpg"),
            MediaLayout.upload(4, "jpg"),
            MediaLayout.upload(5, "jpg"),
            MediaLayout.upload(6, "jpg"),
            MediaLayout.upload(7, "jpg"));
    assertThat(images)
        .extracting(ImageRef::originalName)
        .containsExactly(
            "escape.jpg",
            "escape.jpg",
            "escape.jpg",
            "escapename.jpg",
            "[2Jwipe.jpg",
            "café ☕ 写真.jpg",
            "<img src=x onerror=alert(1)>.jpg");
    try (Stream<Path> uploads = Files.list(data().resolve(id).resolve("uploads"))) {
      assertThat(uploads.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "image_01.jpg",
              "image_02.jpg",
              "image_03.jpg",
              "image_04.jpg",
              "image_05.jpg",
              "image_06.jpg",
              "image_07.jpg");
    }
    try (Stream<Path> next = Files.list(root)) {
      assertThat(next.map(p -> p.getFileName().toString())).containsOnly("data");
    }
    assertThat(Path.of("/tmp/escape.jpg")).doesNotExist();
  }

  /**
   * Markup in a brief is text like any other: stored as sent, and handed to the renderer as the
   * caption's plain text, never escaped into entities (which the renderer would draw as such) nor
   * stripped. The web UI renders text, not HTML.
   */
  @Test
  void keepsMarkupInABriefAsPlainTextFromTheBriefToTheCaptions() throws Exception {
    String name = "<b>Aurora</b> & \"Co\"";
    String description = "<script>alert('x')</script> Cold brew in a glass bottle.";
    String action = "<a href=\"javascript:alert(1)\">Order</a> now";
    String brief =
        """
        {"product_name": "<b>Aurora</b> & \\"Co\\"",
         "description": "<script>alert('x')</script> Cold brew in a glass bottle.",
         "call_to_action": "<a href=\\"javascript:alert(1)\\">Order</a> now",
         "duration_seconds": 15}
        """;
    // Sent as a file, as curl -F brief=@brief.json sends it.
    RawMultipart body =
        new RawMultipart()
            .file("brief", "brief.json", "application/json", brief.getBytes())
            .file("images", "photo.jpg", TestImages.jpegPhoto(files));

    String id = create(body);
    Manifest manifest = manifest();
    await(() -> manifest.has(id, Manifest.PARAMS));

    Brief stored = manifest.read(id, Manifest.GENERATION).orElseThrow().brief();
    GenerationSnapshot state =
        http.get()
            .uri("/api/master-mode/generations/{id}", id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(GenerationSnapshot.class)
            .returnResult()
            .getResponseBody();
    List<String> captions =
        manifest.read(id, Manifest.PARAMS).orElseThrow().stream()
            .map(SceneParams::caption)
            .map(caption -> caption.text())
            .toList();
    for (Brief kept : List.of(stored, state.brief())) {
      assertThat(kept.productName()).isEqualTo(name);
      assertThat(kept.description()).isEqualTo(description);
      assertThat(kept.callToAction()).isEqualTo(action);
    }
    assertThat(captions).anySatisfy(text -> assertThat(text).contains("<a href="));
    assertThat(captions)
        .allSatisfy(
            text -> assertThat(text).doesNotContain("&lt;", "&gt;", "&amp;", "&quot;", "&#"));
  }

  // ------------------------------------------------------------------ helpers

  private String create(RawMultipart body) {
    Map<String, Object> created =
        http.post()
            .uri("/api/master-mode/generations")
            .header(HttpHeaders.CONTENT_TYPE, RawMultipart.contentType())
            .bodyValue(body.bytes())
            .exchange()
            .expectStatus()
            .isEqualTo(HttpStatus.ACCEPTED)
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
            .returnResult()
            .getResponseBody();
    return (String) created.get("generation_id");
  }

  private static Manifest manifest() {
    return new Manifest(new LocalMediaStore(data()));
  }

  private static BufferedImage reference(String id, int index) throws IOException {
    return ImageIO.read(data().resolve(id).resolve(MediaLayout.reference(index)).toFile());
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for the pipeline").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static int red(int rgb) {
    return (rgb >> 16) & 0xFF;
  }

  private static int blue(int rgb) {
    return rgb & 0xFF;
  }
}
