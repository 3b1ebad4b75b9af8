package dev.reelsmith.activities.testing;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Looks inside an MP4 the way a test needs to: stream facts (codec, pixel format, size, duration,
 * frame count and rates, audio), the order of the top-level boxes, the compressed video packets,
 * and decoded frames near a time (as a picture or its luma plane). Independent of the production
 * code on purpose: it opens files with libavformat/libavcodec directly, so it checks what a player
 * would see.
 */
public final class VideoProbe {

  static {
    av_log_set_level(AV_LOG_ERROR);
  }

  /** What a player learns from a file's headers and packets. */
  public record Info(
      String codec,
      String pixelFormat,
      int width,
      int height,
      double durationSeconds,
      double videoDurationSeconds,
      int frameCount,
      double averageFps,
      double realFps,
      boolean hasAudio,
      String audioCodec,
      double audioDurationSeconds,
      boolean moovBeforeMdat) {}

  /** One compressed video packet. */
  public record Packet(int index, long pts, long dts, boolean keyframe, int size, String sha256) {}

  /** A decoded luma plane. */
  public record Luma(int width, int height, byte[] pixels) {

    public int at(int x, int y) {
      return pixels[y * width + x] & 255;
    }

    /** Mean absolute difference to another luma plane of the same size, over a rectangle. */
    public double meanAbsoluteDifference(Luma other, int x0, int y0, int w, int h) {
      if (other.width != width || other.height != height) {
        throw new IllegalArgumentException("sizes differ");
      }
      long sum = 0;
      for (int y = y0; y < y0 + h; y++) {
        for (int x = x0; x < x0 + w; x++) {
          sum += Math.abs(at(x, y) - other.at(x, y));
        }
      }
      return (double) sum / ((long) w * h);
    }

    public double meanAbsoluteDifference(Luma other) {
      return meanAbsoluteDifference(other, 0, 0, width, height);
    }

    public double mean() {
      long sum = 0;
      for (byte p : pixels) {
        sum += p & 255;
      }
      return (double) sum / pixels.length;
    }
  }

  private VideoProbe() {}

  public static Info probe(Path file) throws IOException {
    try (Input input = Input.open(file)) {
      AVFormatContext format = input.format;
      int video = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
      if (video < 0) {
        throw new IOException(file + " has no video stream");
      }
      int audio = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
      AVStream vs = format.streams(video);
      AVCodecParameters vp = vs.codecpar();
      int frames = 0;
      AVPacket packet = av_packet_alloc();
      try {
        while (av_read_frame(format, packet) >= 0) {
          if (packet.stream_index() == video) {
            frames++;
          }
          av_packet_unref(packet);
        }
      } finally {
        av_packet_free(packet);
      }
      String audioCodec = null;
      double audioSeconds = 0;
      if (audio >= 0) {
        AVStream as = format.streams(audio);
        audioCodec = avcodec_get_name(as.codecpar().codec_id()).getString();
        audioSeconds = seconds(as.duration(), as.time_base());
      }
      return new Info(
          avcodec_get_name(vp.codec_id()).getString(),
          pixelFormatName(vp.format()),
          vp.width(),
          vp.height(),
          format.duration() == AV_NOPTS_VALUE() ? 0 : (double) format.duration() / AV_TIME_BASE,
          seconds(vs.duration(), vs.time_base()),
          frames,
          av_q2d(vs.avg_frame_rate()),
          av_q2d(vs.r_frame_rate()),
          audio >= 0,
          audioCodec,
          audioSeconds,
          moovBeforeMdat(file));
    }
  }

  private static String pixelFormatName(int format) {
    BytePointer name = av_get_pix_fmt_name(format);
    return name == null || name.isNull() ? "none" : name.getString();
  }

  private static double seconds(long duration, AVRational timeBase) {
    return duration == AV_NOPTS_VALUE() ? 0 : duration * av_q2d(timeBase);
  }

  /** The types of the file's top-level MP4 boxes, in order. */
  public static List<String> topLevelBoxes(Path file) throws IOException {
    List<String> boxes = new ArrayList<>();
    long fileSize = Files.size(file);
    try (InputStream stream = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(stream)) {
      long position = 0;
      while (position + 8 <= fileSize) {
        long size;
        byte[] type = new byte[4];
        try {
          size = in.readInt() & 0xFFFFFFFFL;
          in.readFully(type);
        } catch (EOFException e) {
          break;
        }
        long header = 8;
        if (size == 1) {
          size = in.readLong();
          header = 16;
        } else if (size == 0) {
          size = fileSize - position;
        }
        boxes.add(new String(type, StandardCharsets.ISO_8859_1));
        if (size < header) {
          throw new IOException("corrupt box at " + position + " in " + file);
        }
        in.skipNBytes(size - header);
        position += size;
      }
    }
    return boxes;
  }

  /** Whether the moov box comes before the mdat box (a "fast start" file). */
  public static boolean moovBeforeMdat(Path file) throws IOException {
    List<String> boxes = topLevelBoxes(file);
    int moov = boxes.indexOf("moov");
    int mdat = boxes.indexOf("mdat");
    return moov >= 0 && mdat >= 0 && moov < mdat;
  }

  /** Every video packet in decode order, with a digest of its bytes. */
  public static List<Packet> videoPackets(Path file) throws IOException {
    List<Packet> packets = new ArrayList<>();
    try (Input input = Input.open(file)) {
      int video = av_find_best_stream(input.format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
      AVPacket packet = av_packet_alloc();
      try {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        while (av_read_frame(input.format, packet) >= 0) {
          if (packet.stream_index() == video) {
            byte[] data = new byte[packet.size()];
            packet.data().get(data);
            packets.add(
                new Packet(
                    packets.size(),
                    packet.pts(),
                    packet.dts(),
                    (packet.flags() & AV_PKT_FLAG_KEY) != 0,
                    packet.size(),
                    HexFormat.of().formatHex(digest.digest(data))));
          }
          av_packet_unref(packet);
        }
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      } finally {
        av_packet_free(packet);
      }
    }
    return packets;
  }

  /** The luma plane of the frame shown at {@code seconds}. */
  public static Luma lumaAt(Path file, double seconds) throws IOException {
    return decodeAt(file, seconds, VideoProbe::luma);
  }

  /** The frame shown at {@code seconds}, as an RGB picture. */
  public static BufferedImage frameAt(Path file, double seconds) throws IOException {
    return decodeAt(file, seconds, VideoProbe::picture);
  }

  /** The luma planes of every frame, in order (use on short videos only). */
  public static List<Luma> allLuma(Path file) throws IOException {
    List<Luma> frames = new ArrayList<>();
    try (Input input = Input.open(file);
        Decoder decoder = new Decoder(input)) {
      AVFrame frame;
      while ((frame = decoder.next()) != null) {
        frames.add(luma(frame));
        av_frame_unref(frame);
      }
    }
    return frames;
  }

  private interface Converter<T> {
    T convert(AVFrame frame) throws IOException;
  }

  private static <T> T decodeAt(Path file, double seconds, Converter<T> converter)
      throws IOException {
    try (Input input = Input.open(file);
        Decoder decoder = new Decoder(input)) {
      double timeBase = av_q2d(decoder.stream.time_base());
      long target = Math.round(seconds / timeBase);
      av_seek_frame(input.format, decoder.stream.index(), target, AVSEEK_FLAG_BACKWARD);
      T best = null;
      double bestDistance = Double.MAX_VALUE;
      AVFrame frame;
      while ((frame = decoder.next()) != null) {
        long pts = frame.best_effort_timestamp();
        double distance = Math.abs(pts * timeBase - seconds);
        if (distance < bestDistance) {
          best = converter.convert(frame);
          bestDistance = distance;
        }
        av_frame_unref(frame);
        if (pts * timeBase > seconds) {
          break;
        }
      }
      if (best == null) {
        throw new IOException("no frame decoded near " + seconds + " s in " + file);
      }
      return best;
    }
  }

  private static Luma luma(AVFrame frame) {
    int w = frame.width();
    int h = frame.height();
    byte[] pixels = new byte[w * h];
    BytePointer data = frame.data(0);
    for (int y = 0; y < h; y++) {
      data.position((long) y * frame.linesize(0)).get(pixels, y * w, w);
    }
    return new Luma(w, h, pixels);
  }

  private static BufferedImage picture(AVFrame frame) throws IOException {
    int w = frame.width();
    int h = frame.height();
    SwsContext sws =
        sws_getContext(
            w,
            h,
            frame.format(),
            w,
            h,
            AV_PIX_FMT_BGR24,
            SWS_BICUBIC,
            null,
            null,
            (DoublePointer) null);
    AVFrame bgr = av_frame_alloc();
    try {
      bgr.format(AV_PIX_FMT_BGR24).width(w).height(h);
      if (av_frame_get_buffer(bgr, 0) < 0) {
        throw new IOException("cannot allocate a frame");
      }
      sws_scale(sws, frame.data(), frame.linesize(), 0, h, bgr.data(), bgr.linesize());
      BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
      byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      BytePointer data = bgr.data(0);
      for (int y = 0; y < h; y++) {
        data.position((long) y * bgr.linesize(0)).get(target, y * w * 3, w * 3);
      }
      return image;
    } finally {
      av_frame_free(bgr);
      sws_freeContext(sws);
    }
  }

  private static final class Input implements AutoCloseable {
    final AVFormatContext format;

    private Input(AVFormatContext format) {
      this.format = format;
    }

    static Input open(Path file) throws IOException {
      AVFormatContext format = new AVFormatContext(null);
      if (avformat_open_input(format, "file:" + file.toAbsolutePath(), null, (AVDictionary) null)
          < 0) {
        throw new IOException("cannot open " + file);
      }
      if (avformat_find_stream_info(format, (PointerPointer<?>) null) < 0) {
        avformat_close_input(format);
        throw new IOException("cannot read the streams of " + file);
      }
      return new Input(format);
    }

    @Override
    public void close() {
      avformat_close_input(format);
    }
  }

  /** Decodes the video stream's frames in order. */
  private static final class Decoder implements AutoCloseable {
    final Input input;
    final AVStream stream;
    final AVCodecContext context;
    final AVFrame frame = av_frame_alloc();
    final AVPacket packet = av_packet_alloc();
    boolean draining;

    Decoder(Input input) throws IOException {
      this.input = input;
      int index = av_find_best_stream(input.format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
      stream = input.format.streams(index);
      AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
      context = avcodec_alloc_context3(codec);
      avcodec_parameters_to_context(context, stream.codecpar());
      context.pkt_timebase(stream.time_base());
      if (avcodec_open2(context, codec, (AVDictionary) null) < 0) {
        close();
        throw new IOException("cannot open a decoder");
      }
    }

    /** The next frame (unref it when done), or null at the end. */
    AVFrame next() throws IOException {
      while (true) {
        int ret = avcodec_receive_frame(context, frame);
        if (ret >= 0) {
          return frame;
        }
        if (ret == AVERROR_EOF) {
          return null;
        }
        if (ret != AVERROR_EAGAIN()) {
          throw new IOException("decoding failed: " + ret);
        }
        if (draining) {
          return null;
        }
        boolean sent = false;
        while (!sent) {
          if (av_read_frame(input.format, packet) < 0) {
            avcodec_send_packet(context, null);
            draining = true;
            sent = true;
          } else {
            if (packet.stream_index() == stream.index()) {
              avcodec_send_packet(context, packet);
              sent = true;
            }
            av_packet_unref(packet);
          }
        }
      }
    }

    @Override
    public void close() {
      av_packet_free(packet);
      av_frame_free(frame);
      avcodec_free_context(context);
    }
  }
}
