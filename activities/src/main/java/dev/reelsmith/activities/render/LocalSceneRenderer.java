package dev.reelsmith.activities.render;

import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.messages.CameraMove;
import dev.reelsmith.workflows.messages.SceneParams;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;

/**
 * The default renderer: real motion video from the reference image, in-process, no network, the
 * same bytes for the same input.
 *
 * <p>The canvas (the image laid out per {@link CameraMove.Framing}, up to 1.5x the frame size so
 * that zooming in keeps detail) and the caption are prepared once. Each frame is then bilinearly
 * sampled from the canvas planes under the camera window, the caption box is blended in, and the
 * frame goes straight to the H.264 encoder: no colour conversion or text drawing per frame.
 *
 * <p>The frames are written by {@link SceneFile}, with IDR frames where the stitcher will cut.
 */
public final class LocalSceneRenderer implements SceneRenderer {

  /** The canvas is at most this much larger than the frame; beyond it zooming in gets soft. */
  static final double MAX_CANVAS_SCALE = 1.5;

  @Override
  public void render(SceneParams scene, Path referenceImage, Path output, Progress progress)
      throws IOException {
    SceneChecks.validate(scene);
    BufferedImage image = readReference(scene, referenceImage);
    int width = scene.width();
    int height = scene.height();
    int frames = scene.frameCount();
    CameraPath camera = new CameraPath(scene.camera(), frames);
    double scale = Math.max(1, Math.min(MAX_CANVAS_SCALE, camera.maxZoom()));
    int canvasWidth = Math.max(width, even((int) Math.round(width * scale)));
    int canvasHeight = Math.max(height, even((int) Math.round(height * scale)));
    CameraMove.Framing framing =
        scene.camera().framing() == null ? CameraMove.Framing.COVER : scene.camera().framing();
    Yuv420Image canvas =
        Canvas.build(
            image,
            framing,
            Colors.parse(scene.backgroundColor(), "background_color"),
            canvasWidth,
            canvasHeight);
    CaptionOverlay caption = CaptionOverlay.typeset(scene.caption(), width, height);
    CaptionOverlay subtitle = CaptionOverlay.typeset(scene.subtitle(), width, height);

    Yuv420Image frame = new Yuv420Image(width, height);
    PlaneSampler luma = new PlaneSampler(width, height);
    PlaneSampler chroma = new PlaneSampler(frame.chromaWidth, frame.chromaHeight);
    SceneFile.write(
        scene,
        output,
        frame,
        f -> {
          CameraPath.Window window = camera.at(f);
          double left = window.left() * canvasWidth;
          double top = window.top() * canvasHeight;
          double w = window.size() * canvasWidth;
          double h = window.size() * canvasHeight;
          luma.sample(canvas.y, canvasWidth, canvasHeight, left, top, w, h, frame.y);
          int cw = canvas.chromaWidth;
          int ch = canvas.chromaHeight;
          chroma.sample(canvas.u, cw, ch, left / 2, top / 2, w / 2, h / 2, frame.u);
          chroma.sample(canvas.v, cw, ch, left / 2, top / 2, w / 2, h / 2, frame.v);
          if (caption != null) {
            caption.blend(frame, caption.opacityAt((double) f / scene.fps()));
          }
          if (subtitle != null) {
            subtitle.blend(
                frame, CaptionOverlay.until((double) f / scene.fps(), narrationEnd(scene)));
          }
        },
        progress);
  }

  private static double narrationEnd(SceneParams scene) {
    return scene.narrationSeconds() == null ? scene.durationSeconds() : scene.narrationSeconds();
  }

  private static BufferedImage readReference(SceneParams scene, Path file) throws IOException {
    BufferedImage image;
    try (InputStream in = Files.newInputStream(file)) {
      image = ImageIO.read(in);
    } catch (NoSuchFileException e) {
      throw new PermanentRenderException(
          Failures.MISSING_ARTEFACT,
          "Scene "
              + scene.index()
              + ": the reference image "
              + scene.imagePath()
              + " is missing; upload the images again.",
          e);
    } catch (IIOException e) {
      throw damaged(scene, e.getMessage(), e);
    }
    if (image == null || image.getWidth() < 2 || image.getHeight() < 2) {
      throw damaged(scene, "no image reader understands it", null);
    }
    return image;
  }

  private static PermanentRenderException damaged(SceneParams scene, String why, Throwable e) {
    return new PermanentRenderException(
        Failures.MISSING_ARTEFACT,
        "Scene "
            + scene.index()
            + ": the reference image "
            + scene.imagePath()
            + " cannot be read ("
            + why
            + "); upload the images again.",
        e);
  }

  private static int even(int value) {
    return value & ~1;
  }
}
