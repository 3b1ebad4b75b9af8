package dev.reelsmith.activities.render;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;

/**
 * Poster JPEGs taken from a finished video, so they show exactly what plays, whoever rendered it.
 */
final class Posters {

  private Posters() {}

  /** Writes the frame shown at {@code seconds} (clamped to the video) as a JPEG. */
  static void write(Path video, double seconds, int fps, Path jpeg) throws IOException {
    int target = Math.max(0, (int) Math.round(seconds * fps));
    try (VideoInput input = VideoInput.read(video, (double) target / fps, (target + 1.0) / fps)) {
      AVCodecParameters p = input.parameters();
      try (FrameReader reader = new FrameReader(input, p.width(), p.height(), fps)) {
        Images.writeJpeg(reader.frame(target).toRgb(), jpeg);
      }
    }
  }
}
