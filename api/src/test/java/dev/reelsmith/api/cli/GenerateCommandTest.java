package dev.reelsmith.api.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.activities.testing.TestImages;
import dev.reelsmith.activities.testing.VideoProbe;
import dev.reelsmith.api.security.Accounts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code generate} command end to end: in-process Temporal, local providers, real FFmpeg. */
class GenerateCommandTest {

  private static final String BRIEF =
      """
      {"product_name": "Aurora Cold Brew",
       "description": "Slow-steeped cold brew coffee in a recyclable glass bottle.",
       "tone": "energetic", "call_to_action": "Order today at aurora.example",
       "duration_seconds": 15, "aspect_ratio": "16:9", "resolution": "720p"}
      """;

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Path inputs;

  @BeforeEach
  void createInputFolder() throws IOException {
    inputs = Files.createDirectories(dir.resolve("in"));
  }

  private int run(Path brief, Path... images) {
    List<String> args = new ArrayList<>(List.of("--brief", brief.toString()));
    for (Path image : images) {
      args.addAll(List.of("--image", image.toString()));
    }
    args.addAll(List.of("--out", ad().toString(), "--data-dir", data().toString()));
    return new GenerateCommand(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false)
        .run(args.toArray(String[]::new));
  }

  private Path brief(String json) throws IOException {
    return Files.writeString(inputs.resolve("brief.json"), json);
  }

  private Path ad() {
    return dir.resolve("ad.mp4");
  }

  private Path data() {
    return dir.resolve("data");
  }

  @Test
  void makesAPlayableAdFromTwoImages() throws Exception {
    int exit = run(brief(BRIEF), TestImages.jpegPhoto(inputs), TestImages.cutOutPng(inputs));

    assertThat(exit).as("stderr: %s", err).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Saved 2 reference images")
        .contains("Scene 3 of 3 rendered")
        .contains("100% ✓ Generation complete!");
    VideoProbe.Info info = VideoProbe.probe(ad());
    assertThat(info.codec()).isEqualTo("h264");
    assertThat(info.pixelFormat()).isEqualTo("yuv420p");
    assertThat(info.width()).isEqualTo(1280);
    assertThat(info.height()).isEqualTo(720);
    assertThat(info.durationSeconds()).isCloseTo(15, within(0.5));
    assertThat(info.hasAudio()).isTrue();
    assertThat(info.moovBeforeMdat()).isTrue();
    LocalMediaStore store = new LocalMediaStore(data());
    assertThat(store.generationIds())
        .singleElement()
        .satisfies(
            id ->
                assertThat(new Manifest(store).read(id, Manifest.GENERATION))
                    .hasValueSatisfying(
                        created -> assertThat(created.owner()).isEqualTo(Accounts.LOCAL_USER)));
  }

  @Test
  void recordsTheAdForTheLocalAccountUnlessToldWhose() {
    String[] required = {"--brief", "b.json", "--image", "a.jpg", "--out", "ad.mp4"};

    assertThat(GenerateCommand.Arguments.parse(required).owner()).isEqualTo(Accounts.LOCAL_USER);
    assertThat(GenerateCommand.Arguments.parse(with(required, "--owner", "alice")).owner())
        .isEqualTo("alice");
    assertThatThrownBy(() -> GenerateCommand.Arguments.parse(with(required, "--owner", "a b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--owner");
  }

  private static String[] with(String[] args, String... more) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void badBriefExitsWithTwoNamingTheFieldsAndWritesNothing() throws Exception {
    Path brief = brief("{\"description\": \"Cold brew.\", \"tone\": \"sleepy\", \"colour\": 1}");

    int exit = run(brief, TestImages.jpegPhoto(inputs));

    assertThat(exit).isEqualTo(GenerateCommand.EXIT_BAD_INPUT);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("product_name is required")
        .contains("tone must be one of warm, energetic, premium, playful, calm, bold")
        .contains("colour is not a brief field");
    assertThat(data()).doesNotExist();
    assertThat(ad()).doesNotExist();
  }

  @Test
  void truncatedImageExitsWithTwoNamingTheImageAndWritesNothing() throws Exception {
    Path truncated = TestImages.truncatedJpeg(inputs);

    int exit = run(brief(BRIEF), TestImages.jpegPhoto(inputs), truncated);

    assertThat(exit).isEqualTo(GenerateCommand.EXIT_BAD_INPUT);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(truncated.getFileName().toString())
        .contains("truncated");
    assertThat(data()).doesNotExist();
  }
}
