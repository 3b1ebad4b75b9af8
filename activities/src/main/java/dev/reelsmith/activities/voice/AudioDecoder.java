package dev.reelsmith.activities.voice;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import dev.reelsmith.activities.render.Av;
import dev.reelsmith.activities.render.FFmpegException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Reads the first audio stream of any file FFmpeg understands (WAV, MP3, AAC, Ogg, FLAC…) as 48 kHz
 * stereo floats, the format every sound of an ad is mixed in.
 */
public final class AudioDecoder {

  public static final int SAMPLE_RATE = 48_000;

  /** Chunk of output samples converted at a time. */
  private static final int CHUNK = 8192;

  private AudioDecoder() {}

  /**
   * Decodes {@code file}, giving up (with an {@link FFmpegException}) once it holds more than
   * {@code maxSeconds}.
   *
   * @return two planar channels (left, right) of floats in -1..1
   */
  public static float[][] decode(Path file, double maxSeconds) throws FFmpegException {
    return decode(file, maxSeconds, false);
  }

  /** Decodes the first {@code seconds} of {@code file}, or all of it if it is shorter. */
  public static float[][] head(Path file, double seconds) throws FFmpegException {
    return decode(file, seconds, true);
  }

  private static float[][] decode(Path file, double maxSeconds, boolean truncate)
      throws FFmpegException {
    String name = String.valueOf(file.getFileName());
    AVFormatContext format = new AVFormatContext(null);
    Av.check(
        avformat_open_input(format, Av.url(file), null, (AVDictionary) null), "opening " + name);
    AVCodecContext codec = null;
    SwrContext resampler = null;
    AVPacket packet = av_packet_alloc();
    AVFrame frame = av_frame_alloc();
    AVChannelLayout stereo = new AVChannelLayout();
    FloatPointer left = new FloatPointer(CHUNK);
    FloatPointer right = new FloatPointer(CHUNK);
    PointerPointer<FloatPointer> out = new PointerPointer<>(left, right);
    try {
      Av.check(
          avformat_find_stream_info(format, (PointerPointer<?>) null),
          "reading the streams of " + name);
      int index =
          Av.check(
              av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0),
              "finding an audio stream in " + name);
      AVCodec decoder = avcodec_find_decoder(format.streams(index).codecpar().codec_id());
      if (decoder == null) {
        throw new FFmpegException("no decoder for the audio of " + name, -1);
      }
      codec = avcodec_alloc_context3(decoder);
      Av.check(
          avcodec_parameters_to_context(codec, format.streams(index).codecpar()),
          "reading the audio parameters of " + name);
      Av.check(avcodec_open2(codec, decoder, (AVDictionary) null), "opening the audio of " + name);
      av_channel_layout_default(stereo, 2);
      Samples samples = new Samples((long) Math.ceil(maxSeconds * SAMPLE_RATE), truncate, name);
      boolean draining = false;
      while (!samples.full()) {
        int ret = avcodec_receive_frame(codec, frame);
        if (ret == AVERROR_EOF) {
          break;
        }
        if (ret == AVERROR_EAGAIN()) {
          if (draining) {
            break;
          }
          int read = av_read_frame(format, packet);
          if (read == AVERROR_EOF) {
            Av.check(avcodec_send_packet(codec, null), "flushing the audio of " + name);
            draining = true;
          } else {
            Av.check(read, "reading " + name);
            if (packet.stream_index() == index) {
              Av.check(avcodec_send_packet(codec, packet), "decoding " + name);
            }
            av_packet_unref(packet);
          }
          continue;
        }
        Av.check(ret, "decoding " + name);
        if (resampler == null) {
          resampler = new SwrContext(null);
          Av.check(
              swr_alloc_set_opts2(
                  resampler,
                  stereo,
                  AV_SAMPLE_FMT_FLTP,
                  SAMPLE_RATE,
                  frame.ch_layout(),
                  frame.format(),
                  frame.sample_rate(),
                  0,
                  null),
              "preparing to resample " + name);
          Av.check(swr_init(resampler), "preparing to resample " + name);
        }
        int converted =
            Av.check(
                swr_convert(resampler, out, CHUNK, frame.extended_data(), frame.nb_samples()),
                "resampling " + name);
        samples.add(left, right, converted);
      }
      if (resampler != null && !samples.full()) {
        int converted;
        while ((converted = Av.check(swr_convert(resampler, out, CHUNK, null, 0), "resampling"))
            > 0) {
          samples.add(left, right, converted);
        }
      }
      return samples.toArray();
    } finally {
      if (resampler != null) {
        swr_free(resampler);
      }
      av_channel_layout_uninit(stereo);
      av_frame_free(frame);
      av_packet_free(packet);
      if (codec != null) {
        avcodec_free_context(codec);
      }
      avformat_close_input(format);
      out.close();
      left.close();
      right.close();
    }
  }

  /** A growing stereo buffer with a length limit. */
  private static final class Samples {
    private final long limit;
    private final boolean truncate;
    private final String name;
    private float[] left = new float[SAMPLE_RATE];
    private float[] right = new float[SAMPLE_RATE];
    private int length;

    Samples(long limit, boolean truncate, String name) {
      this.limit = limit;
      this.truncate = truncate;
      this.name = name;
    }

    boolean full() {
      return truncate && length >= limit;
    }

    void add(FloatPointer l, FloatPointer r, int count) throws FFmpegException {
      if (length + (long) count > limit) {
        if (!truncate) {
          throw new FFmpegException(
              String.format(
                  Locale.ROOT,
                  "%s lasts more than %.0f seconds",
                  name,
                  limit / (double) SAMPLE_RATE),
              -1);
        }
        count = (int) (limit - length);
      }
      if (length + count > left.length) {
        int capacity = Math.max(left.length * 2, length + count);
        left = Arrays.copyOf(left, capacity);
        right = Arrays.copyOf(right, capacity);
      }
      l.get(left, length, count);
      r.get(right, length, count);
      length += count;
    }

    float[][] toArray() {
      return new float[][] {Arrays.copyOf(left, length), Arrays.copyOf(right, length)};
    }
  }
}
