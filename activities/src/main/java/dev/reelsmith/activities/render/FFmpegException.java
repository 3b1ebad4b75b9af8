package dev.reelsmith.activities.render;

import java.io.IOException;

/**
 * A libav* call failed. An {@link IOException}, so by default a retry is worth a try: most such
 * failures come from the file system (full disk, a file that vanished). Callers that know a failure
 * is permanent say so with {@link PermanentRenderException}.
 */
public class FFmpegException extends IOException {

  private final int code;

  public FFmpegException(String message, int code) {
    super(message);
    this.code = code;
  }

  /** The negative {@code AVERROR} code. */
  public int code() {
    return code;
  }
}
