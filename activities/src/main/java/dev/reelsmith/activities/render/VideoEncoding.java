package dev.reelsmith.activities.render;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_count;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * The one owner of how Reelsmith encodes H.264: which encoder, and every setting that shapes the
 * bitstream. Scene renders and the stitcher's transition segments both open their encoders here, so
 * their parameter sets (SPS/PPS) are identical and the stitcher can splice their packets.
 *
 * <p>libx264 is used when the FFmpeg natives include it (the {@code gpl} Maven profile); otherwise
 * libopenh264, which the default LGPL natives carry. Either way: no B-frames (so packets can be
 * copied and cut at any IDR frame), a keyframe at least every {@value #GOP_SECONDS} seconds (so a
 * browser seeks quickly), one thread per encoder (scenes are rendered in parallel instead), BT.709
 * limited range signalled in the stream.
 */
public final class VideoEncoding {

  static final String X264 = "libx264";
  static final String OPENH264 = "libopenh264";

  /** Seconds between regular keyframes. */
  static final int GOP_SECONDS = 2;

  /**
   * Bits per pixel per frame for libopenh264, which has no constant-quality mode: about 2.8 Mbit/s
   * at 720p30 and 6.2 Mbit/s at 1080p30, plenty for slow camera moves over a photo.
   */
  private static final double OPENH264_BITS_PER_PIXEL = 0.1;

  /** libx264 constant quality: visually clean for photos, half the bits of the fixed rate. */
  private static final String X264_CRF = "21";

  private static final String ENCODER = chooseEncoder();

  private VideoEncoding() {}

  /** The H.264 encoder this process uses: {@code libx264} or {@code libopenh264}. */
  public static String encoderName() {
    return ENCODER;
  }

  private static String chooseEncoder() {
    Av.init();
    if (avcodec_find_encoder_by_name(X264) != null) {
      return X264;
    }
    if (avcodec_find_encoder_by_name(OPENH264) != null) {
      return OPENH264;
    }
    throw new IllegalStateException("the FFmpeg natives have neither libx264 nor libopenh264");
  }

  /** The target bit rate where the encoder needs one. */
  static long bitRate(int width, int height, int fps) {
    return Math.round(Math.max(1_000_000, width * (double) height * fps * OPENH264_BITS_PER_PIXEL));
  }

  /** The encoder's private options, as the {@code ffmpeg} command line would spell them. */
  public static Map<String, String> encoderOptions() {
    Map<String, String> options = new LinkedHashMap<>();
    if (ENCODER.equals(X264)) {
      options.put("preset", "veryfast");
      options.put("crf", X264_CRF);
      options.put("profile", "high");
      // Honour a forced keyframe as an IDR frame, so that the stitcher can cut there, and add no
      // keyframes of its own beyond the regular ones: a camera move over a still has no cuts.
      options.put("forced-idr", "1");
      options.put("x264-params", "scenecut=0");
    } else {
      options.put("profile", "high");
      options.put("rc_mode", "quality");
      options.put("allow_skip_frames", "0");
    }
    return options;
  }

  /**
   * The same encoder and settings as {@code ffmpeg} command-line arguments, for comparisons with
   * the command-line tool (the render benchmark).
   */
  public static List<String> commandLineArguments(int width, int height, int fps) {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("-c:v", ENCODER, "-pix_fmt", "yuv420p", "-r", Integer.toString(fps)));
    args.addAll(List.of("-g", Integer.toString(gopSize(fps)), "-bf", "0"));
    args.addAll(List.of("-color_range", "tv", "-colorspace", "bt709"));
    args.addAll(List.of("-color_primaries", "bt709", "-color_trc", "bt709"));
    if (ENCODER.equals(OPENH264)) {
      args.addAll(List.of("-b:v", Long.toString(bitRate(width, height, fps))));
    }
    for (Map.Entry<String, String> option : encoderOptions().entrySet()) {
      String name = option.getKey().equals("profile") ? "profile:v" : option.getKey();
      args.addAll(List.of("-" + name, option.getValue()));
    }
    return args;
  }

  /** The regular keyframe interval in frames. */
  static int gopSize(int fps) {
    return GOP_SECONDS * fps;
  }

  /**
   * Opens an encoder for {@code width}x{@code height} at {@code fps}. The caller frees it with
   * {@code avcodec_free_context}.
   */
  static AVCodecContext open(int width, int height, int fps) throws FFmpegException {
    AVCodec codec = avcodec_find_encoder_by_name(ENCODER);
    AVCodecContext context = avcodec_alloc_context3(codec);
    if (context == null) {
      throw new FFmpegException("cannot allocate an encoder context", avutil.AVERROR_ENOMEM());
    }
    context
        .width(width)
        .height(height)
        .pix_fmt(AV_PIX_FMT_YUV420P)
        .time_base(av_make_q(1, fps))
        .framerate(av_make_q(fps, 1))
        .sample_aspect_ratio(av_make_q(1, 1))
        .gop_size(gopSize(fps))
        .max_b_frames(0)
        .thread_count(1)
        .color_range(AVCOL_RANGE_MPEG)
        .color_primaries(AVCOL_PRI_BT709)
        .color_trc(AVCOL_TRC_BT709)
        .colorspace(AVCOL_SPC_BT709);
    // MP4 keeps SPS/PPS in the sample description (avcC), so the encoder must expose them.
    context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    if (ENCODER.equals(OPENH264)) {
      context.bit_rate(bitRate(width, height, fps));
    }
    AVDictionary options = new AVDictionary(null);
    try {
      for (Map.Entry<String, String> option : encoderOptions().entrySet()) {
        av_dict_set(options, option.getKey(), option.getValue(), 0);
      }
      int ret = avcodec_open2(context, codec, options);
      if (ret < 0) {
        avcodec_free_context(context);
        Av.check(ret, "opening " + ENCODER + " for " + width + "x" + height + "@" + fps);
      }
      if (av_dict_count(options) > 0) {
        AVDictionaryEntry unused = av_dict_get(options, "", null, avutil.AV_DICT_IGNORE_SUFFIX);
        avcodec_free_context(context);
        throw new IllegalStateException(
            ENCODER + " does not know the option " + unused.key().getString());
      }
      return context;
    } finally {
      av_dict_free(options);
    }
  }
}
