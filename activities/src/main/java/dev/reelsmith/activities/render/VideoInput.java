package dev.reelsmith.activities.render;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The video stream of a file, demuxed whole into memory (a scene is a few megabytes): its codec
 * parameters and every compressed packet in decode order. The stitcher copies packets from here and
 * decodes only the few it must.
 */
final class VideoInput implements AutoCloseable {

  private final Path file;
  private final AVFormatContext format;
  private final AVStream stream;
  private final List<AVPacket> packets = new ArrayList<>();

  private VideoInput(Path file, AVFormatContext format, AVStream stream) {
    this.file = file;
    this.format = format;
    this.stream = stream;
  }

  /** Opens {@code file} and reads all packets of its main video stream. */
  static VideoInput read(Path file) throws FFmpegException {
    return read(file, -1, Double.MAX_VALUE);
  }

  /**
   * Opens {@code file} and reads the packets from the keyframe at or before {@code from} seconds
   * (from the start if negative) up to those presented after {@code until} seconds.
   */
  static VideoInput read(Path file, double from, double until) throws FFmpegException {
    AVFormatContext format = new AVFormatContext(null);
    Av.check(
        avformat_open_input(format, Av.url(file), null, (AVDictionary) null),
        "opening " + file.getFileName());
    VideoInput input = null;
    try {
      Av.check(
          avformat_find_stream_info(format, (PointerPointer<?>) null),
          "reading the streams of " + file.getFileName());
      int index = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
      Av.check(index, "finding a video stream in " + file.getFileName());
      input = new VideoInput(file, format, format.streams(index));
      AVStream stream = format.streams(index);
      double timeBase = av_q2d(stream.time_base());
      if (from > 0) {
        long target = (long) Math.floor(from / timeBase) + Math.max(0, input.origin());
        Av.check(
            av_seek_frame(format, index, target, AVSEEK_FLAG_BACKWARD),
            "seeking in " + file.getFileName());
      }
      long untilPts =
          until == Double.MAX_VALUE
              ? Long.MAX_VALUE
              : (long) Math.ceil(until / timeBase) + Math.max(0, input.origin());
      input.readPackets(index, untilPts);
      return input;
    } catch (FFmpegException | RuntimeException e) {
      if (input != null) {
        input.close();
      } else {
        avformat_close_input(format);
      }
      throw e;
    }
  }

  private void readPackets(int index, long untilPts) throws FFmpegException {
    AVPacket packet = av_packet_alloc();
    try {
      while (true) {
        int ret = av_read_frame(format, packet);
        if (ret == AVERROR_EOF) {
          return;
        }
        Av.check(ret, "reading " + file.getFileName());
        boolean past = false;
        if (packet.stream_index() == index) {
          packets.add(av_packet_clone(packet));
          past = packet.pts() != AV_NOPTS_VALUE() && packet.pts() > untilPts;
        }
        av_packet_unref(packet);
        if (past) {
          return;
        }
      }
    } finally {
      av_packet_free(packet);
    }
  }

  Path file() {
    return file;
  }

  AVCodecParameters parameters() {
    return stream.codecpar();
  }

  AVRational timeBase() {
    return stream.time_base();
  }

  byte[] extradata() {
    AVCodecParameters p = stream.codecpar();
    return VideoEncoder.extradata(p.extradata(), p.extradata_size());
  }

  List<AVPacket> packets() {
    return Collections.unmodifiableList(packets);
  }

  int packetCount() {
    return packets.size();
  }

  boolean isKeyframe(int packet) {
    return (packets.get(packet).flags() & AV_PKT_FLAG_KEY) != 0;
  }

  /**
   * Whether packets come in presentation order with one frame each, i.e. the stream has no
   * B-frames: then packet {@code i} is frame {@code i}, and any IDR frame is a clean cut point.
   */
  boolean inPresentationOrder() {
    long previous = Long.MIN_VALUE;
    for (AVPacket packet : packets) {
      long pts = packet.pts();
      if (pts == AV_NOPTS_VALUE() || pts <= previous || packet.dts() != pts) {
        return false;
      }
      previous = pts;
    }
    return true;
  }

  /** The stream's declared start time, or {@link Long#MIN_VALUE} when it has none. */
  private long origin() {
    long start = stream.start_time();
    return start == AV_NOPTS_VALUE() ? Long.MIN_VALUE : start;
  }

  /**
   * The presentation time of frame 0, the origin of frame numbers: the stream's start time, or else
   * its first packet's.
   */
  long firstPts() {
    if (origin() != Long.MIN_VALUE) {
      return origin();
    }
    long first = Long.MAX_VALUE;
    for (AVPacket packet : packets) {
      if (packet.pts() != AV_NOPTS_VALUE()) {
        first = Math.min(first, packet.pts());
      }
    }
    return first == Long.MAX_VALUE ? 0 : first;
  }

  @Override
  public void close() {
    for (AVPacket packet : packets) {
      av_packet_free(packet);
    }
    packets.clear();
    avformat_close_input(format);
  }
}
