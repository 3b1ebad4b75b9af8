package dev.reelsmith.activities.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reelsmith.activities.testing.VideoProbe;
import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.messages.CameraMove;
import dev.reelsmith.workflows.messages.Caption;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.Transition;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local renderer's pictures, decoded back and compared pixel by pixel. */
class LocalSceneRendererTest {

  private static final int WIDTH = 640;
  private static final int HEIGHT = 360;

  @TempDir static Path folder;
  private static Path photo;
  private final LocalSceneRenderer renderer = new LocalSceneRenderer();

  @BeforeAll
  static void writePhoto() throws Exception {
    photo = folder.resolve("photo.png");
    ImageIO.write(Fixtures.photo(7, 1200, 900), "png", photo.toFile());
  }

  private Path render(String name, SceneParams scene, Path image) throws Exception {
    Path output = folder.resolve(name + ".mp4");
    renderer.render(scene, image, output, (done, total) -> {});
    return output;
  }

  private static SceneParams with(SceneParams s, CameraMove camera, Caption caption) {
    return new SceneParams(
        s.index(),
        s.width(),
        s.height(),
        s.fps(),
        s.durationSeconds(),
        s.imagePath(),
        camera,
        caption,
        s.transition(),
        s.backgroundColor(),
        s.prompt(),
        s.seed());
  }

  private static CameraMove linearPan(CameraMove.Framing framing) {
    return new CameraMove(
        framing,
        new CameraMove.Keyframe(1.1, 0.4, 0.5),
        new CameraMove.Keyframe(1.25, 0.6, 0.5),
        CameraMove.Easing.LINEAR);
  }

  @Test
  void everyFrameMovesTheCameraSmoothly() throws Exception {
    SceneParams scene =
        with(
            Fixtures.scene(1, WIDTH, HEIGHT, 1.0, null), linearPan(CameraMove.Framing.COVER), null);

    List<VideoProbe.Luma> frames = VideoProbe.allLuma(render("moving", scene, photo));

    assertThat(frames).hasSize(30);
    List<Double> steps = new ArrayList<>();
    for (int i = 1; i < frames.size(); i++) {
      steps.add(frames.get(i).meanAbsoluteDifference(frames.get(i - 1)));
    }
    assertThat(steps).allSatisfy(step -> assertThat(step).isGreaterThan(0.3));
    // A steady move changes each frame by about as much as the one before: no stalls, no jumps.
    double mean = steps.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertThat(steps).allSatisfy(step -> assertThat(step).isBetween(mean * 0.4, mean * 2.5));
    assertThat(frames.get(29).meanAbsoluteDifference(frames.get(0))).isGreaterThan(8);
  }

  @Test
  void theCaptionIsDrawnInsideItsBoxAndFadesIn() throws Exception {
    Caption caption = Fixtures.caption("Order today at aurora.example");
    SceneParams base = Fixtures.scene(1, WIDTH, HEIGHT, 1.0, null);
    Path withCaption = render("caption", with(base, base.camera(), caption), photo);
    Path withoutCaption = render("no-caption", with(base, base.camera(), null), photo);
    int[] box = CaptionOverlay.typeset(caption, WIDTH, HEIGHT).bounds();

    VideoProbe.Luma shown = VideoProbe.lumaAt(withCaption, 0.8);
    VideoProbe.Luma plain = VideoProbe.lumaAt(withoutCaption, 0.8);
    double inside = shown.meanAbsoluteDifference(plain, box[0], box[1], box[2], box[3]);
    double above = shown.meanAbsoluteDifference(plain, 0, 0, WIDTH, box[1] - 4);

    assertThat(inside).isGreaterThan(20);
    assertThat(above).isLessThan(2);
    assertThat(box[0]).isGreaterThanOrEqualTo((int) (WIDTH * 0.05));
    assertThat(box[1] + box[3]).isLessThanOrEqualTo((int) Math.ceil(HEIGHT * 0.95));
    double atStart =
        VideoProbe.lumaAt(withCaption, 0)
            .meanAbsoluteDifference(
                VideoProbe.lumaAt(withoutCaption, 0), box[0], box[1], box[2], box[3]);
    assertThat(atStart).isLessThan(inside / 5);
  }

  @Test
  void theSameParametersGiveTheSameBytes() throws Exception {
    SceneParams scene = Fixtures.scene(2, WIDTH, HEIGHT, 1.0, null);

    byte[] first = Files.readAllBytes(render("first", scene, photo));
    byte[] second = Files.readAllBytes(render("second", scene, photo));

    assertThat(second).isEqualTo(first);
  }

  @Test
  void transparentPixelsShowTheBackgroundColour() throws Exception {
    Path cutout = folder.resolve("cutout.png");
    ImageIO.write(Fixtures.cutout(800, 600), "png", cutout.toFile());
    SceneParams base = Fixtures.scene(1, WIDTH, HEIGHT, 1.0, null);
    SceneParams red =
        new SceneParams(
            1,
            WIDTH,
            HEIGHT,
            30,
            1.0,
            base.imagePath(),
            base.camera(),
            null,
            null,
            "#FF0000",
            base.prompt(),
            base.seed());

    BufferedImage frame = VideoProbe.frameAt(render("cutout", red, cutout), 0.5);

    int corner = frame.getRGB(10, 10);
    assertThat((corner >> 16) & 255).isGreaterThan(200);
    assertThat((corner >> 8) & 255).isLessThan(50);
    assertThat(corner & 255).isLessThan(50);
    int centre = frame.getRGB(WIDTH / 2, HEIGHT / 2);
    assertThat(centre & 255).isGreaterThan(200);
  }

  @Test
  void containShowsTheWholeImageOverASoftBackdrop() throws Exception {
    Path portrait = folder.resolve("portrait.png");
    ImageIO.write(Fixtures.photo(3, 600, 900), "png", portrait.toFile());
    SceneParams base = Fixtures.scene(1, WIDTH, HEIGHT, 1.0, null);
    CameraMove still =
        new CameraMove(
            CameraMove.Framing.CONTAIN,
            new CameraMove.Keyframe(1, 0.5, 0.5),
            new CameraMove.Keyframe(1, 0.5, 0.5),
            CameraMove.Easing.LINEAR);

    VideoProbe.Luma frame =
        VideoProbe.lumaAt(render("contain", with(base, still, null), portrait), 0.5);

    // The image (240 px wide in a 640 px frame) is sharp; the backdrop beside it is blurred.
    double backdrop = roughness(frame, 10, 100);
    double image = roughness(frame, 230, 410);
    assertThat(image).isGreaterThan(backdrop * 3);
    assertThat(frame.mean()).isGreaterThan(20);
  }

  /** Mean absolute horizontal gradient of the columns in [from, to). */
  private static double roughness(VideoProbe.Luma frame, int from, int to) {
    long sum = 0;
    for (int y = 0; y < frame.height(); y++) {
      for (int x = from; x < to - 1; x++) {
        sum += Math.abs(frame.at(x + 1, y) - frame.at(x, y));
      }
    }
    return (double) sum / (frame.height() * (to - from - 1));
  }

  @Test
  void idrFramesAreForcedWhereTheStitcherWillCut() throws Exception {
    // 2 s at 30 fps with a 0.3 s transition out: cuts at frame 9 (the incoming overlap the
    // renderer expects) and frame 51 (where the outgoing one starts); regular keyframes every 60.
    SceneParams scene =
        Fixtures.scene(2, WIDTH, HEIGHT, 2.0, new Transition(Transition.Kind.CROSSFADE, 0.3));

    List<VideoProbe.Packet> packets = VideoProbe.videoPackets(render("cuts", scene, photo));

    assertThat(packets).hasSize(60);
    assertThat(packets.stream().filter(VideoProbe.Packet::keyframe).map(VideoProbe.Packet::index))
        .containsExactly(0, 9, 51);
    assertThat(packets).allSatisfy(p -> assertThat(p.pts()).isEqualTo(p.dts()));
  }

  @Test
  void anImageThatIsNotAnImageIsAPermanentFailure() throws Exception {
    Path bogus = folder.resolve("bogus.png");
    Files.writeString(bogus, "not an image");

    assertThatThrownBy(() -> render("bogus", Fixtures.scene(4, WIDTH, HEIGHT, 1.0, null), bogus))
        .isInstanceOfSatisfying(
            PermanentRenderException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Failures.MISSING_ARTEFACT);
              assertThat(e.getMessage()).contains("Scene 4").contains("references/ref_04.png");
            });
  }
}
