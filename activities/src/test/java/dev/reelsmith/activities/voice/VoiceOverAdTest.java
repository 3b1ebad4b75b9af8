package dev.reelsmith.activities.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.reelsmith.activities.copy.VideoParamsPlanner;
import dev.reelsmith.activities.images.ImageAnalyzer;
import dev.reelsmith.activities.render.LocalSceneRenderer;
import dev.reelsmith.activities.render.Stitcher;
import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.activities.testing.TestImages;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.AspectRatio;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.Resolution;
import dev.reelsmith.workflows.messages.Scene;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.StoryBeat.Role;
import dev.reelsmith.workflows.messages.Tone;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short ad with the offline voice-over, from narration to the final mix. */
class VoiceOverAdTest {

  @TempDir static Path root;

  private static final String ID = Generations.newId();
  private static final int SECONDS = 15;
  private static LocalMediaStore store;
  private static List<Narrator.Narration> narrations;
  private static List<SceneParams> params;
  private static Path ad;
  private static final List<Stitcher.Scene> rendered = new ArrayList<>();

  static Brief brief(int seconds) {
    return new Brief(
        "Aurora Cold Brew",
        "Slow-steeped cold brew coffee.",
        null,
        Tone.WARM,
        null,
        seconds,
        AspectRatio.PORTRAIT,
        Resolution.HD,
        List.of(),
        3);
  }

  static List<Scene> scenes(String firstLine) {
    return List.of(
        new Scene(1, Role.HOOK, firstLine, "Better mornings", "a bottle", 2, 1),
        new Scene(
            2,
            Role.CALL_TO_ACTION,
            "Aurora Cold Brew. Order today.",
            "Order today",
            "the bottle",
            8,
            2));
  }

  static List<ImageAnalysis> images() {
    ImageAnalyzer analyzer = new ImageAnalyzer();
    return List.of(
        analyzer.analyze(1, MediaLayout.reference(1), TestImages.photo(480, 300)),
        analyzer.analyze(2, MediaLayout.reference(2), TestImages.cutOut(400, 300)));
  }

  @BeforeAll
  static void makeTheAd() throws IOException {
    store = new LocalMediaStore(root);
    List<Scene> scenes =
        scenes("Mornings deserve better coffee, made slowly, with nothing added but patience.");
    narrations = new Narrator(store, new FreeTtsSpeaker()).narrate(ID, scenes);
    params = new VideoParamsPlanner().plan(brief(SECONDS), scenes, images(), narrations);
    BufferedImage[] photos = {TestImages.photo(480, 300), TestImages.cutOut(400, 300)};
    for (SceneParams p : params) {
      Path image = store.path(ID, MediaLayout.reference(p.index()));
      image.getParent().toFile().mkdirs();
      ImageIO.write(photos[p.index() - 1], "png", image.toFile());
      Path video = store.path(ID, MediaLayout.sceneVideo(p.index()));
      video.getParent().toFile().mkdirs();
      new LocalSceneRenderer().render(p, image, video, (done, total) -> {});
      rendered.add(new Stitcher.Scene(video, p, store.path(ID, p.narrationPath())));
    }
    ad = store.path(ID, MediaLayout.FINAL_VIDEO);
    new Stitcher().stitch(rendered, new Stitcher.Music(Tone.WARM, null), ad, (a, b, c, d) -> {});
  }

  @Test
  void aSceneLastsAtLeastAsLongAsItsNarrationAndTheAdKeepsItsLength() {
    // The copywriter gave the hook 2 s of 10, but its line takes longer to say.
    SceneParams hook = params.get(0);
    double hookOwnSeconds = hook.durationSeconds() - hook.transition().durationSeconds();
    assertThat(narrations.get(0).seconds()).isGreaterThan(SECONDS * 2 / 10.0);
    assertThat(hookOwnSeconds)
        .isGreaterThanOrEqualTo(
            narrations.get(0).seconds() + VideoParamsPlanner.NARRATION_PAUSE_SECONDS - 1e-9);
    assertThat(hook.narrationPath()).isEqualTo(MediaLayout.narration(1));
    assertThat(hook.narrationSeconds()).isEqualTo(narrations.get(0).seconds());
    double total =
        params.stream()
            .mapToDouble(
                p ->
                    p.durationSeconds()
                        - (p.transition() == null ? 0 : p.transition().durationSeconds()))
            .sum();
    assertThat(total).isCloseTo(SECONDS, within(1e-6));
  }

  @Test
  void anAdTooShortForItsNarrationGrowsToFitItRatherThanCuttingAWord() throws IOException {
    List<Scene> scenes =
        scenes(
            "Mornings deserve better coffee. Ours is slow-steeped for twenty hours, bottled in"
                + " glass, and keeps for two weeks in the fridge, so every morning starts smooth."
                + " No sugar, no bitterness, no waiting in line: just pour, sip and go.");
    List<Narrator.Narration> voice =
        new Narrator(store, new FreeTtsSpeaker()).narrate(Generations.newId(), scenes);
    double spoken = voice.stream().mapToDouble(Narrator.Narration::seconds).sum();
    assertThat(spoken).isGreaterThan(SECONDS);

    List<SceneParams> planned =
        new VideoParamsPlanner().plan(brief(SECONDS), scenes, images(), voice);

    for (int i = 0; i < planned.size(); i++) {
      SceneParams p = planned.get(i);
      double own =
          p.durationSeconds() - (p.transition() == null ? 0 : p.transition().durationSeconds());
      assertThat(own).isGreaterThanOrEqualTo(voice.get(i).seconds());
    }
  }

  @Test
  void theFinalMixIsAtMinus16LufsAsFfmpegMeasuresIt() throws Exception {
    // The ffmpeg program bundled with the FFmpeg natives: a meter independent of ours.
    String ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
    ProcessBuilder command =
        new ProcessBuilder(
                ffmpeg,
                "-nostats",
                "-hide_banner",
                "-i",
                ad.toString(),
                "-map",
                "0:a",
                "-af",
                "ebur128",
                "-f",
                "null",
                "-")
            .redirectErrorStream(true);
    command.environment().put("LD_LIBRARY_PATH", Path.of(ffmpeg).getParent().toString());
    Process process = command.start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(log).isZero();
    Matcher integrated = Pattern.compile("I:\\s+(-?[0-9.]+) LUFS").matcher(log);
    double lufs = Double.NaN;
    while (integrated.find()) {
      lufs = Double.parseDouble(integrated.group(1));
    }
    assertThat(lufs).isCloseTo(Loudness.TARGET_LUFS, within(1.0));
  }

  @Test
  void theUsersMusicPlaysUnderTheVoiceAndDucksWhileItSpeaks() throws IOException {
    Path music = root.resolve("music.wav");
    int rate = 44_100;
    int n = 20 * rate;
    ByteBuffer pcm = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      short v = (short) (8000 * Math.sin(2 * Math.PI * 250 * i / rate));
      pcm.putShort(v).putShort(v);
    }
    AudioSystem.write(
        new AudioInputStream(
            new ByteArrayInputStream(pcm.array()), new AudioFormat(rate, 16, 2, true, false), n),
        AudioFileFormat.Type.WAVE,
        music.toFile());
    Path withMusic = root.resolve("with-music.mp4");

    new Stitcher()
        .stitch(rendered, new Stitcher.Music(Tone.WARM, music), withMusic, (a, b, c, d) -> {});

    float[][] mix = AudioDecoder.decode(withMusic, SECONDS + 1);
    double speaking = level(mix, 250, 0.5, narrations.get(0).seconds() - 0.2);
    double secondLineEnds =
        params.get(0).durationSeconds()
            - params.get(0).transition().durationSeconds()
            + narrations.get(1).seconds();
    double quiet = level(mix, 250, secondLineEnds + 0.6, SECONDS - 2);
    assertThat(quiet).as("the music between and after the lines").isGreaterThan(0.01);
    assertThat(20 * Math.log10(speaking / quiet)).isCloseTo(-10, within(2.0));
  }

  /** The amplitude of {@code frequency} in the left channel between two times (a DFT bin). */
  private static double level(float[][] mix, double frequency, double from, double to) {
    int rate = AudioDecoder.SAMPLE_RATE;
    int start = (int) (from * rate);
    int end = (int) (to * rate);
    double re = 0;
    double im = 0;
    for (int i = start; i < end; i++) {
      double phase = 2 * Math.PI * frequency * i / rate;
      re += mix[0][i] * Math.cos(phase);
      im += mix[0][i] * Math.sin(phase);
    }
    return 2 * Math.hypot(re, im) / (end - start);
  }

  @Test
  void theNarrationIsHeardOverTheMusicWhereItsSceneStarts() throws IOException {
    float[][] mix = AudioDecoder.decode(ad, SECONDS + 1);
    float[][] line = AudioDecoder.decode(store.path(ID, narrations.get(0).path()), 10);
    // AAC keeps the waveform: the first line correlates strongly with the ad's opening seconds.
    int length = line[0].length;
    int best = 0;
    double bestCorrelation = 0;
    // The encoder delays the audio by a frame or two; look around the start.
    for (int shift = 0; shift < 4096; shift += 8) {
      double cross = 0;
      double a = 0;
      double b = 0;
      for (int i = 0; i < length; i++) {
        double x = mix[0][i + shift];
        double y = line[0][i];
        cross += x * y;
        a += x * x;
        b += y * y;
      }
      double correlation = cross / Math.sqrt(a * b);
      if (correlation > bestCorrelation) {
        bestCorrelation = correlation;
        best = shift;
      }
    }
    assertThat(bestCorrelation).as("correlation at shift %d", best).isGreaterThan(0.8);
  }
}
