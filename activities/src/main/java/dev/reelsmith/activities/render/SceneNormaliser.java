package dev.reelsmith.activities.render;

import dev.reelsmith.workflows.messages.SceneParams;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns a video made elsewhere (a video API's result) into a scene the stitcher can join as if it
 * were a local render: the scene's exact size (scaled to cover the frame, then centre-cropped), its
 * frame rate (each frame shows the picture on screen at that time), its frame count (trimmed, or
 * the last picture held), and Reelsmith's own H.264 encoding with IDR frames where the stitcher
 * cuts.
 */
public final class SceneNormaliser {

  private SceneNormaliser() {}

  /**
   * Writes {@code source} normalised to {@code scene} into {@code output}.
   *
   * @throws FFmpegException if {@code source} is not a video FFmpeg can decode
   */
  public static void normalise(
      Path source, SceneParams scene, Path output, SceneRenderer.Progress progress)
      throws IOException {
    int width = scene.width();
    int height = scene.height();
    try (VideoInput input = VideoInput.read(source)) {
      int sourceWidth = input.parameters().width();
      int sourceHeight = input.parameters().height();
      if (sourceWidth <= 0 || sourceHeight <= 0 || input.packetCount() == 0) {
        throw new FFmpegException(source.getFileName() + " has no video frames", -1);
      }
      double scale = Math.max((double) width / sourceWidth, (double) height / sourceHeight);
      int coverWidth = Math.max(width, even(sourceWidth * scale));
      int coverHeight = Math.max(height, even(sourceHeight * scale));
      // Even offsets, so that the chroma planes crop at the same place as the luma plane.
      int left = ((coverWidth - width) / 2) & ~1;
      int top = ((coverHeight - height) / 2) & ~1;
      Yuv420Image frame = new Yuv420Image(width, height);
      try (FrameReader reader = new FrameReader(input, coverWidth, coverHeight, scene.fps())) {
        SceneFile.write(
            scene, output, frame, f -> crop(reader.frame(f), left, top, frame), progress);
      }
    }
  }

  /** The nearest even number: 4:2:0 pictures have even sizes. */
  private static int even(double value) {
    return 2 * (int) Math.round(value / 2);
  }

  private static void crop(Yuv420Image from, int left, int top, Yuv420Image to) {
    copy(from.y, from.width, left, top, to.y, to.width, to.height);
    copy(from.u, from.chromaWidth, left / 2, top / 2, to.u, to.chromaWidth, to.chromaHeight);
    copy(from.v, from.chromaWidth, left / 2, top / 2, to.v, to.chromaWidth, to.chromaHeight);
  }

  private static void copy(byte[] from, int stride, int left, int top, byte[] to, int w, int h) {
    for (int row = 0; row < h; row++) {
      System.arraycopy(from, (top + row) * stride + left, to, row * w, w);
    }
  }
}
