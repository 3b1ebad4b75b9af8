package dev.reelsmith.activities.render;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Small helpers around the libav* C API: error codes, URLs, byte copies. */
public final class Av {

  static {
    // libav* logs to stderr; below ERROR it is noise in a worker's log.
    av_log_set_level(AV_LOG_ERROR);
  }

  private Av() {}

  /** Makes sure the log level is set before a first libav* call that does not go through here. */
  static void init() {
    // The static initializer does the work.
  }

  /** Returns {@code ret} when it is not an error, else throws with what was being done. */
  public static int check(int ret, String doing) throws FFmpegException {
    if (ret < 0) {
      throw new FFmpegException(doing + ": " + describe(ret), ret);
    }
    return ret;
  }

  static String describe(int ret) {
    byte[] buffer = new byte[256];
    av_strerror(ret, buffer, buffer.length);
    int end = 0;
    while (end < buffer.length && buffer[end] != 0) {
      end++;
    }
    return new String(buffer, 0, end, StandardCharsets.UTF_8) + " (" + ret + ")";
  }

  /** A {@code file:} URL, so that a colon in a folder name is never taken for a protocol. */
  public static String url(Path file) {
    return "file:" + file.toAbsolutePath();
  }
}
