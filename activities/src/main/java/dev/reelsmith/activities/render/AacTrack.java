package dev.reelsmith.activities.render;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;

/**
 * The ad's sound, encoded as AAC-LC stereo.
 *
 * <p>Mixing and AAC encoding take about as long as the whole video side of a stitch, so they run on
 * their own thread from {@link #start()}, handing packets over through a queue; the stitching
 * thread writes them interleaved with the video by time ({@link #writeUntil}).
 */
final class AacTrack implements AutoCloseable {

  static final String ENCODER = "aac";
  private static final long BIT_RATE = 128_000;

  /** A queue entry: a packet, the end of the track, or the producer's failure. */
  private record Item(AVPacket packet, Throwable failure) {}

  private static final Item END = new Item(null, null);

  /** The samples to encode: 48 kHz stereo, two planar channels of floats in -1..1. */
  @FunctionalInterface
  interface Source {
    float[][] samples() throws IOException;
  }

  private final Source source;
  private final AVCodecContext context;
  private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
  private Thread producer;
  private volatile boolean cancelled;
  private Mp4Writer writer;
  private int stream = -1;
  private Item pending;
  private boolean ended;

  /** Prepares an encoder for the sound {@code source} makes once {@link #start()}ed. */
  AacTrack(Source source) throws FFmpegException {
    this.source = source;
    AVCodec codec = avcodec_find_encoder_by_name(ENCODER);
    if (codec == null) {
      throw new IllegalStateException("the FFmpeg natives have no AAC encoder");
    }
    context = avcodec_alloc_context3(codec);
    context
        .sample_fmt(AV_SAMPLE_FMT_FLTP)
        .sample_rate(MusicBed.SAMPLE_RATE)
        .bit_rate(BIT_RATE)
        .time_base(av_make_q(1, MusicBed.SAMPLE_RATE));
    av_channel_layout_default(context.ch_layout(), 2);
    context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    AVDictionary options = new AVDictionary(null);
    // The fast coder: half the encoding time of the default two-loop search, and no audible
    // difference on a soft synthesized bed at this rate.
    av_dict_set(options, "aac_coder", "fast", 0);
    int ret = avcodec_open2(context, codec, options);
    av_dict_free(options);
    if (ret < 0) {
      avcodec_free_context(context);
      Av.check(ret, "opening the AAC encoder");
    }
  }

  /** Adds the audio stream to {@code writer}; call before {@link Mp4Writer#start()}. */
  void attach(Mp4Writer writer) throws FFmpegException {
    this.writer = writer;
    this.stream = writer.addStream(context);
  }

  /** Starts making and encoding the sound on a thread of its own. */
  void start() {
    producer = new Thread(this::produce, "reelsmith-music");
    producer.setDaemon(true);
    producer.start();
  }

  private void produce() {
    AVFrame frame = av_frame_alloc();
    AVPacket packet = av_packet_alloc();
    try {
      float[][] samples = source.samples();
      int frameSize = context.frame_size();
      int length = samples[0].length;
      for (int position = 0; position < length && !cancelled; position += frameSize) {
        int count = Math.min(frameSize, length - position);
        frame.nb_samples(frameSize).format(AV_SAMPLE_FMT_FLTP).sample_rate(MusicBed.SAMPLE_RATE);
        if (frame.data(0) == null || frame.data(0).isNull()) {
          Av.check(av_channel_layout_copy(frame.ch_layout(), context.ch_layout()), "layout");
          Av.check(av_frame_get_buffer(frame, 0), "allocating an audio frame");
        }
        Av.check(av_frame_make_writable(frame), "making the audio frame writable");
        frame.nb_samples(count);
        for (int channel = 0; channel < 2; channel++) {
          new FloatPointer(frame.data(channel)).put(samples[channel], position, count);
        }
        frame.pts(position);
        Av.check(avcodec_send_frame(context, frame), "encoding audio");
        drain(packet);
      }
      Av.check(avcodec_send_frame(context, null), "flushing the audio encoder");
      drain(packet);
      queue.add(END);
    } catch (IOException | RuntimeException e) {
      queue.add(new Item(null, e));
    } catch (Error e) {
      // The stitching thread must not wait forever for packets that will never come.
      queue.add(new Item(null, e));
      throw e;
    } finally {
      av_packet_free(packet);
      av_frame_free(frame);
    }
  }

  private void drain(AVPacket packet) throws FFmpegException {
    while (true) {
      int ret = avcodec_receive_packet(context, packet);
      if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
        return;
      }
      Av.check(ret, "receiving an AAC packet");
      queue.add(new Item(av_packet_clone(packet), null));
      av_packet_unref(packet);
    }
  }

  /** Writes the encoded music up to {@code until} seconds, waiting for the encoder if need be. */
  void writeUntil(double until) throws IOException {
    double timeBase = av_q2d(context.time_base());
    while (!ended) {
      if (pending == null) {
        try {
          pending = queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for the music");
        }
      }
      if (pending.failure() != null) {
        throw new IOException("making the music failed", pending.failure());
      }
      if (pending == END) {
        ended = true;
        return;
      }
      if (pending.packet().pts() * timeBase > until) {
        return;
      }
      try {
        writer.write(pending.packet(), stream, context.time_base());
      } finally {
        av_packet_free(pending.packet());
        pending = null;
      }
    }
  }

  /** Writes the rest of the music. */
  void finish() throws IOException {
    writeUntil(Double.MAX_VALUE);
  }

  @Override
  public void close() {
    cancelled = true;
    if (producer != null) {
      boolean interrupted = false;
      while (producer.isAlive()) {
        try {
          producer.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (pending != null && pending.packet() != null) {
      av_packet_free(pending.packet());
    }
    for (Item item : queue) {
      if (item.packet() != null) {
        av_packet_free(item.packet());
      }
    }
    queue.clear();
    avcodec_free_context(context);
  }
}
