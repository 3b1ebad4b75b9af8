package dev.reelsmith.activities.render;

import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.messages.CameraMove;
import dev.reelsmith.workflows.messages.SceneParams;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * The default renderer: real motion video from the reference image, in-process, no network, the
 * same bytes for the same input.
 *
 * <p>The canvas (the image laid out per {@link CameraMove.Framing}, up to 1.5x the frame size so
 * that zooming in keeps detail) and the caption are prepared once. Each frame is then bilinearly
 * sampled from the canvas planes under the camera window, the caption box is blended in, and the
 * frame goes straight to the H.264 encoder: no colour conversion or text drawing per frame.
 *
 * <p>IDR frames are forced where the stitcher will cut ({@link Timeline}), so that it can copy the
 * scene's packets instead of re-encoding them.
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

    boolean[] cuts = new boolean[frames];
    Timeline.expectedIncomingCuts(scene).forEach(f -> cuts[f] = true);
    int outgoingCut = Timeline.outgoingCut(scene);
    if (outgoingCut > 0 && outgoingCut < frames) {
      cuts[outgoingCut] = true;
    }
    Frames drawn = new Frames(canvas, camera, caption, width, height, frames, scene.fps());
    Thread drawer = new Thread(drawn, "reelsmith-frames-" + scene.index());
    drawer.setDaemon(true);
    drawer.start();
    try (VideoEncoder encoder = new VideoEncoder(width, height, scene.fps());
        Mp4Writer writer = new Mp4Writer(output)) {
      int stream = writer.addStream(encoder.context());
      writer.start();
      AVRational timeBase = encoder.timeBase();
      VideoEncoder.PacketSink sink =
          packet -> writer.writeFrame(packet, stream, timeBase, packet.pts(), false);
      for (int f = 0; f < frames; f++) {
        Yuv420Image frame = drawn.take();
        encoder.encode(frame, f, cuts[f], sink);
        drawn.recycle(frame);
        progress.update(f + 1, frames);
      }
      encoder.finish(sink);
      writer.finish();
    } finally {
      drawn.stop(drawer);
    }
  }

  /**
   * Draws a scene's frames on a thread of its own, a few frames ahead of the encoder: the encoder
   * is the slower stage, so drawing costs the render no time once a core is free for it.
   */
  private static final class Frames implements Runnable {
    private static final int BUFFERS = 3;

    private final Yuv420Image canvas;
    private final CameraPath camera;
    private final CaptionOverlay caption;
    private final int frames;
    private final int fps;
    private final BlockingQueue<Yuv420Image> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final PlaneSampler luma;
    private final PlaneSampler chroma;

    Frames(
        Yuv420Image canvas,
        CameraPath camera,
        CaptionOverlay caption,
        int width,
        int height,
        int frames,
        int fps) {
      this.canvas = canvas;
      this.camera = camera;
      this.caption = caption;
      this.frames = frames;
      this.fps = fps;
      for (int i = 0; i < BUFFERS; i++) {
        free.add(new Yuv420Image(width, height));
      }
      this.luma = new PlaneSampler(width, height);
      this.chroma = new PlaneSampler(width / 2, height / 2);
    }

    @Override
    public void run() {
      try {
        for (int f = 0; f < frames; f++) {
          Yuv420Image frame = free.take();
          draw(f, frame);
          ready.put(frame);
        }
      } catch (InterruptedException e) {
        // The encoder stopped early (it failed or was cancelled) and said so with an interrupt.
        Thread.currentThread().interrupt();
      } catch (RuntimeException | Error e) {
        ready.add(e);
      }
    }

    /** Samples the canvas under the camera window and blends the caption in. */
    private void draw(int f, Yuv420Image frame) {
      int cw = canvas.width;
      int ch = canvas.height;
      CameraPath.Window window = camera.at(f);
      double left = window.left() * cw;
      double top = window.top() * ch;
      double w = window.size() * cw;
      double h = window.size() * ch;
      luma.sample(canvas.y, cw, ch, left, top, w, h, frame.y);
      int chromaWidth = canvas.chromaWidth;
      int chromaHeight = canvas.chromaHeight;
      chroma.sample(canvas.u, chromaWidth, chromaHeight, left / 2, top / 2, w / 2, h / 2, frame.u);
      chroma.sample(canvas.v, chromaWidth, chromaHeight, left / 2, top / 2, w / 2, h / 2, frame.v);
      if (caption != null) {
        caption.blend(frame, caption.opacityAt((double) f / fps));
      }
    }

    /** The next frame, in order; give it back with {@link #recycle} once encoded. */
    Yuv420Image take() throws IOException {
      Object item;
      try {
        item = ready.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for a frame");
      }
      if (item instanceof RuntimeException e) {
        throw e;
      }
      if (item instanceof Error e) {
        throw e;
      }
      return (Yuv420Image) item;
    }

    void recycle(Yuv420Image frame) {
      free.add(frame);
    }

    /** Stops the drawing thread (it may be blocked on a full queue) and waits for it. */
    void stop(Thread drawer) {
      drawer.interrupt();
      boolean interrupted = false;
      while (drawer.isAlive()) {
        try {
          drawer.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
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
