package dev.reelsmith.activities.render;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_make_writable;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_ref;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * An MP4 file being written: add streams, {@link #start()}, write packets, {@link #finish()}. The
 * moov atom goes to the front on finish ({@code movflags=+faststart}), so a browser can start
 * playing before the whole file has arrived. A writer that is closed without finishing leaves an
 * unusable file, which is why callers write through {@code MediaStore.publish}.
 */
final class Mp4Writer implements AutoCloseable {

  private final Path file;
  private final AVFormatContext format;
  private final AVPacket scratch;
  private AVIOContext io;
  private boolean started;
  private boolean finished;

  Mp4Writer(Path file) throws FFmpegException {
    this.file = file;
    this.format = new AVFormatContext(null);
    Av.check(
        avformat_alloc_output_context2(format, null, "mp4", Av.url(file)),
        "creating the MP4 muxer for " + file.getFileName());
    this.scratch = av_packet_alloc();
  }

  /** Adds a stream that an open encoder feeds; returns its index. */
  int addStream(AVCodecContext encoder) throws FFmpegException {
    AVStream stream = newStream();
    Av.check(avcodec_parameters_from_context(stream.codecpar(), encoder), "describing a stream");
    stream.time_base(encoder.time_base());
    return stream.index();
  }

  /** Adds a stream whose packets are copied from elsewhere; returns its index. */
  int addStream(AVCodecParameters parameters, AVRational timeBase) throws FFmpegException {
    AVStream stream = newStream();
    Av.check(avcodec_parameters_copy(stream.codecpar(), parameters), "describing a stream");
    stream.codecpar().codec_tag(0);
    stream.time_base(av_make_q(timeBase.num(), timeBase.den()));
    return stream.index();
  }

  private AVStream newStream() throws FFmpegException {
    if (started) {
      throw new IllegalStateException("streams must be added before start()");
    }
    AVStream stream = avformat_new_stream(format, null);
    if (stream == null) {
      throw new FFmpegException("cannot add a stream", -1);
    }
    return stream;
  }

  /** Opens the file and writes the header. */
  void start() throws FFmpegException {
    io = new AVIOContext(null);
    Av.check(avio_open(io, Av.url(file), AVIO_FLAG_WRITE), "opening " + file);
    format.pb(io);
    AVDictionary options = new AVDictionary(null);
    try {
      av_dict_set(options, "movflags", "+faststart", 0);
      Av.check(avformat_write_header(format, options), "writing the MP4 header");
    } finally {
      av_dict_free(options);
    }
    started = true;
  }

  /** The time base a stream ended up with (the muxer may choose a finer one than asked). */
  AVRational timeBase(int stream) {
    return format.streams(stream).time_base();
  }

  /**
   * Writes a packet of {@code stream} whose timestamps are in {@code timeBase}. The packet itself
   * is left untouched: the muxer gets a new reference to its data.
   */
  void write(AVPacket packet, int stream, AVRational timeBase) throws FFmpegException {
    Av.check(av_packet_ref(scratch, packet), "referencing a packet");
    send(stream, timeBase);
  }

  /**
   * Writes a video packet of a stream without B-frames at a new position: presentation and decode
   * time {@code frame}, lasting one frame ({@code timeBase} is 1/fps).
   *
   * @param lengthPrefixed whether the packet comes from an MP4 (NAL units behind 4-byte lengths)
   *     rather than from an encoder (Annex B, which the muxer expects of an encoder's stream)
   */
  void writeFrame(
      AVPacket packet, int stream, AVRational timeBase, long frame, boolean lengthPrefixed)
      throws FFmpegException {
    Av.check(av_packet_ref(scratch, packet), "referencing a packet");
    if (lengthPrefixed) {
      Av.check(av_packet_make_writable(scratch), "copying a packet");
      if (!H264Bitstream.lengthPrefixedToAnnexB(scratch.data(), scratch.size())) {
        av_packet_unref(scratch);
        throw new FFmpegException("a copied H.264 packet has a broken NAL length", -1);
      }
    }
    scratch.pts(frame).dts(frame).duration(1);
    send(stream, timeBase);
  }

  private void send(int stream, AVRational timeBase) throws FFmpegException {
    scratch.stream_index(stream);
    scratch.pos(-1);
    av_packet_rescale_ts(scratch, timeBase, timeBase(stream));
    try {
      Av.check(av_interleaved_write_frame(format, scratch), "writing a packet");
    } finally {
      av_packet_unref(scratch);
    }
  }

  /** Flushes interleaving queues, writes the index and moves it to the front of the file. */
  void finish() throws IOException {
    Av.check(av_interleaved_write_frame(format, null), "flushing the muxer");
    Av.check(av_write_trailer(format), "finishing " + file.getFileName());
    finished = true;
  }

  boolean finished() {
    return finished;
  }

  @Override
  public void close() {
    if (io != null) {
      avio_closep(io);
      format.pb(null);
    }
    avformat_free_context(format);
    av_packet_free(scratch);
  }
}
