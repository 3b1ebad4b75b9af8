package dev.reelsmith.api.generations;

import dev.reelsmith.activities.storage.MediaStore;
import dev.reelsmith.activities.voice.AudioDecoder;
import dev.reelsmith.api.ReelsmithProperties;
import dev.reelsmith.api.cost.CostEstimator;
import dev.reelsmith.api.problems.Problems;
import dev.reelsmith.workflows.Briefs;
import dev.reelsmith.workflows.FieldError;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.UploadLimits;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.ImageRef;
import io.netty.handler.timeout.ReadTimeoutException;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.DefaultPartHttpMessageReader;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Receives a new generation's multipart upload: the {@code brief} part (JSON, as a field or a
 * file), 1–10 {@code images} parts and an optional {@code music} file (WAV, MP3, AAC, Ogg; decoded
 * to check it). Each upload gets a private folder inside the data dir: the multipart reader buffers
 * large parts there, images are copied there, checked in full, and only then published into the
 * generation's folder. The folder goes, whatever happens, when the upload is answered: rejected
 * input leaves nothing behind, even when the body breaks off half-way, and nothing is ever written
 * where a client's file name points, since stored files are named by their position.
 *
 * <p>Every limit comes from {@link UploadLimits} and {@link Briefs}. Every refusal is a problem
 * that says what is wrong: 400 for a malformed body or a wrong part, 408 for an upload that stops
 * arriving, 413 for a part or an upload over its limit, 415 for a file that is not a usable image
 * or music.
 */
@Component
public class Uploads {

  private static final Logger log = LoggerFactory.getLogger(Uploads.class);

  private static final String BRIEF = "brief";
  private static final String IMAGES = "images";
  private static final String MUSIC = "music";
  private static final Set<String> PARTS = Set.of(BRIEF, IMAGES, MUSIC);

  /** Seconds of an uploaded music file decoded to check that it is music FFmpeg can play. */
  private static final double MUSIC_PROBE_SECONDS = 2;

  private final MediaStore store;
  private final Path incoming;
  private final CostEstimator costs;

  public Uploads(MediaStore store, ReelsmithProperties properties, CostEstimator costs) {
    this.store = store;
    this.incoming = properties.dataDir().resolve(".incoming");
    this.costs = costs;
  }

  /**
   * A checked upload whose images (and music) are stored under its generation id.
   *
   * @param music the music file, relative to the generation folder; null when none was sent
   */
  public record Upload(
      String generationId, Brief brief, List<ImageRef> images, @Nullable String music) {}

  public Mono<Upload> receive(ServerWebExchange exchange) {
    long length = exchange.getRequest().getHeaders().getContentLength();
    if (length > UploadLimits.MAX_UPLOAD_BYTES) {
      return Mono.error(
          Problems.tooLarge(
              "The upload is "
                  + UploadLimits.megabytes(length)
                  + "; one upload may be at most "
                  + UploadLimits.megabytes(UploadLimits.MAX_UPLOAD_BYTES)
                  + " (the brief and "
                  + UploadLimits.MAX_IMAGES
                  + " images of "
                  + UploadLimits.megabytes(UploadLimits.MAX_IMAGE_BYTES)
                  + ").",
              List.of(new FieldError(IMAGES, "must add up to less than the upload limit"))));
    }
    return Mono.fromCallable(this::newFolder)
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(
            folder ->
                parts(exchange, folder)
                    // A body that breaks off is answered at once, while the connection is
                    // surely still open, and its folder goes afterwards.
                    .doOnError(error -> deleteLater(folder))
                    .flatMap(
                        parts ->
                            Mono.usingWhen(
                                Mono.just(folder), same -> receive(parts, same), Uploads::delete)));
  }

  /**
   * The body's parts, in order, read by a reader of this upload's own whose limits are ours and
   * which buffers large parts in {@code folder}: Spring's shared reader would buffer them in the
   * system's temporary folder and leave them behind when a body breaks off after them.
   */
  private static Mono<MultiValueMap<String, Part>> parts(ServerWebExchange exchange, Path folder) {
    DefaultPartHttpMessageReader reader = new DefaultPartHttpMessageReader();
    reader.setMaxInMemorySize(Briefs.MAX_JSON_BYTES);
    // The larger of the two file limits; images are held to theirs once received.
    reader.setMaxDiskUsagePerPart(
        Math.max(UploadLimits.MAX_IMAGE_BYTES, UploadLimits.MAX_MUSIC_BYTES));
    reader.setMaxParts(UploadLimits.MAX_PARTS);
    try {
      reader.setFileStorageDirectory(Files.createDirectory(folder.resolve("parts")));
    } catch (IOException e) {
      return Mono.error(e);
    }
    return reader
        .read(ResolvableType.forClass(Part.class), exchange.getRequest(), Map.of())
        .<MultiValueMap<String, Part>>collect(
            LinkedMultiValueMap::new, (parts, part) -> parts.add(String.valueOf(part.name()), part))
        .onErrorMap(Uploads::unreadable);
  }

  private Mono<Upload> receive(MultiValueMap<String, Part> parts, Path folder) {
    for (String name : parts.keySet()) {
      if (!PARTS.contains(name)) {
        String shown = ReferenceImages.displayName(name, "(unnamed)");
        return Mono.error(
            Problems.invalid(
                "Unknown part \"" + shown + "\": send only \"brief\", \"images\" and \"music\".",
                List.of(new FieldError(shown, "is not a part of this request"))));
      }
    }
    List<Part> briefs = parts.getOrDefault(BRIEF, List.of());
    if (briefs.isEmpty()) {
      return Mono.error(
          Problems.invalid(
              "The brief is missing.",
              List.of(new FieldError(BRIEF, "is required (a JSON part)"))));
    }
    if (briefs.size() > 1) {
      return Mono.error(
          Problems.invalid(
              "Send one brief, not " + briefs.size() + ".",
              List.of(new FieldError(BRIEF, "must be sent once"))));
    }
    List<Part> images = parts.getOrDefault(IMAGES, List.of());
    if (images.size() < UploadLimits.MIN_IMAGES || images.size() > UploadLimits.MAX_IMAGES) {
      return Mono.error(
          Problems.invalid(
              "Send "
                  + UploadLimits.MIN_IMAGES
                  + " to "
                  + UploadLimits.MAX_IMAGES
                  + " reference images (got "
                  + images.size()
                  + ").",
              List.of(
                  new FieldError(
                      IMAGES,
                      "must hold "
                          + UploadLimits.MIN_IMAGES
                          + " to "
                          + UploadLimits.MAX_IMAGES
                          + " files"))));
    }
    for (Part image : images) {
      if (!(image instanceof FilePart)) {
        return Mono.error(
            Problems.invalid(
                "Each \"images\" part must be a file.",
                List.of(new FieldError(IMAGES, "must be files, not text fields"))));
      }
    }
    List<Part> music = parts.getOrDefault(MUSIC, List.of());
    if (music.size() > 1 || (music.size() == 1 && !(music.get(0) instanceof FilePart))) {
      return Mono.error(
          Problems.invalid(
              "Send at most one music file.",
              List.of(new FieldError(MUSIC, "must be one file, if any"))));
    }
    return briefText(briefs.get(0))
        .flatMap(json -> Mono.fromCallable(() -> Briefs.parse(json)))
        .doOnNext(brief -> costs.requireWithinBudget(brief, images.size()))
        .flatMap(
            brief ->
                receiveMusic(music.isEmpty() ? null : (FilePart) music.get(0), folder)
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .flatMap(checked -> store(brief, images, checked.orElse(null), folder)));
  }

  /** A music file that FFmpeg decodes, with the extension it is stored under. */
  private record Music(Path file, String extension) {}

  private static Mono<Music> receiveMusic(@Nullable FilePart part, Path folder) {
    if (part == null) {
      return Mono.empty();
    }
    String name = ReferenceImages.displayName(part.filename(), "the music");
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (!UploadLimits.MUSIC_EXTENSIONS.contains(extension)) {
      return Mono.error(notMusic(name, "its name does not end in a music file's extension"));
    }
    Path file = folder.resolve("music." + extension);
    return part.transferTo(file)
        .then(
            Mono.fromCallable(
                    () -> {
                      if (Files.size(file) > UploadLimits.MAX_MUSIC_BYTES) {
                        throw musicTooLarge();
                      }
                      float[][] samples;
                      try {
                        samples = AudioDecoder.head(file, MUSIC_PROBE_SECONDS);
                      } catch (IOException e) {
                        throw notMusic(name, "it could not be decoded as audio");
                      }
                      if (samples[0].length == 0) {
                        throw notMusic(name, "it holds no sound");
                      }
                      return new Music(file, extension);
                    })
                .subscribeOn(Schedulers.boundedElastic()));
  }

  private static ErrorResponseException notMusic(String name, String why) {
    return Problems.withErrors(
        Problems.of(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "Unsupported music",
            "\""
                + name
                + "\" is not a music file Reelsmith can use: "
                + why
                + ". Send WAV, MP3, AAC (M4A) or Ogg."),
        List.of(new FieldError(MUSIC, "must be WAV, MP3, AAC or Ogg audio")));
  }

  private static ErrorResponseException musicTooLarge() {
    return Problems.tooLarge(
        "The music file is over "
            + UploadLimits.megabytes(UploadLimits.MAX_MUSIC_BYTES)
            + "; it may be at most "
            + UploadLimits.megabytes(UploadLimits.MAX_MUSIC_BYTES)
            + ".",
        List.of(
            new FieldError(
                MUSIC, "must be at most " + UploadLimits.megabytes(UploadLimits.MAX_MUSIC_BYTES))));
  }

  private static ErrorResponseException imageTooLarge() {
    return Problems.tooLarge(
        "An image is over "
            + UploadLimits.megabytes(UploadLimits.MAX_IMAGE_BYTES)
            + "; each may be at most "
            + UploadLimits.megabytes(UploadLimits.MAX_IMAGE_BYTES)
            + ".",
        List.of(
            new FieldError(
                IMAGES,
                "must each be at most " + UploadLimits.megabytes(UploadLimits.MAX_IMAGE_BYTES))));
  }

  private Mono<Upload> store(Brief brief, List<Part> images, @Nullable Music music, Path folder) {
    return Flux.fromIterable(images)
        .cast(FilePart.class)
        .index()
        .concatMap(
            indexed -> {
              int number = indexed.getT1().intValue() + 1;
              Path file = folder.resolve("image-" + number);
              String shown =
                  ReferenceImages.displayName(indexed.getT2().filename(), "image " + number);
              return indexed
                  .getT2()
                  .transferTo(file)
                  .then(
                      Mono.fromCallable(
                          () -> {
                            if (Files.size(file) > UploadLimits.MAX_IMAGE_BYTES) {
                              throw imageTooLarge();
                            }
                            return new ReferenceImages.Candidate(file, shown);
                          }));
            })
        .collectList()
        .flatMap(
            candidates ->
                Mono.fromCallable(
                        () -> {
                          List<ReferenceImages.Checked> checked = ReferenceImages.check(candidates);
                          String generationId = Generations.newId();
                          List<ImageRef> stored =
                              ReferenceImages.store(store, generationId, checked);
                          String musicPath = null;
                          if (music != null) {
                            musicPath = MediaLayout.music(music.extension());
                            store.publish(
                                generationId,
                                musicPath,
                                target ->
                                    Files.copy(
                                        music.file(), target, StandardCopyOption.REPLACE_EXISTING));
                          }
                          return new Upload(generationId, brief, stored, musicPath);
                        })
                    .subscribeOn(Schedulers.boundedElastic()));
  }

  /**
   * The brief's JSON, whether it came as a field or as a file ({@code curl -F brief=@brief.json}
   * sends a file), at most {@link Briefs#MAX_JSON_BYTES} and strict UTF-8. The reader has already
   * decoded a field, replacing bytes that are not UTF-8 with U+FFFD, so a field holding that
   * character is refused as not UTF-8 too; a file is decoded here.
   */
  private static Mono<String> briefText(Part part) {
    if (part instanceof FormFieldPart field) {
      return field.value().indexOf('\uFFFD') >= 0
          ? Mono.error(notUtf8())
          : Mono.just(field.value());
    }
    return DataBufferUtils.join(part.content(), Briefs.MAX_JSON_BYTES)
        .onErrorMap(DataBufferLimitException.class, e -> briefTooLarge())
        .map(
            buffer -> {
              try {
                byte[] bytes = new byte[buffer.readableByteCount()];
                buffer.read(bytes);
                return utf8(bytes);
              } finally {
                DataBufferUtils.release(buffer);
              }
            })
        .defaultIfEmpty("");
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw notUtf8();
    }
  }

  private static ErrorResponseException notUtf8() {
    return Problems.invalid(
        "The brief is not UTF-8 text.",
        List.of(new FieldError(BRIEF, "must be JSON encoded as UTF-8")));
  }

  private static ErrorResponseException briefTooLarge() {
    return Problems.tooLarge(
        "The brief is over "
            + Briefs.MAX_JSON_BYTES / 1024
            + " KB; its fields need a few kilobytes at most.",
        List.of(new FieldError(BRIEF, "must be at most " + Briefs.MAX_JSON_BYTES / 1024 + " KB")));
  }

  /**
   * A body that could not be read as multipart, as a problem. The reader tells its limits and
   * malformations apart only in its messages, so they are told apart by those; anything else it
   * cannot read is a malformed body.
   */
  private static Throwable unreadable(Throwable error) {
    String message = String.valueOf(error.getMessage());
    if (error instanceof ReadTimeoutException) {
      return Problems.of(
          HttpStatus.REQUEST_TIMEOUT,
          "Upload stalled",
          "The upload stopped arriving, so the server stopped waiting for it; send it again.");
    }
    if (error instanceof DataBufferLimitException) {
      if (message.contains("headers")) {
        return Problems.tooLarge(
            "A part's headers are too long.",
            List.of(new FieldError(IMAGES, "must have headers of a few hundred bytes")));
      }
      if (message.startsWith("Form field")) {
        // A text field: the brief is the only one there should be.
        return briefTooLarge();
      }
      // Over the larger file limit: whichever part it was, it is over its own limit too.
      return UploadLimits.MAX_MUSIC_BYTES > UploadLimits.MAX_IMAGE_BYTES
          ? Problems.tooLarge(
              "A file is over "
                  + UploadLimits.megabytes(
                      Math.max(UploadLimits.MAX_IMAGE_BYTES, UploadLimits.MAX_MUSIC_BYTES))
                  + "; each image may be at most "
                  + UploadLimits.megabytes(UploadLimits.MAX_IMAGE_BYTES)
                  + " and the music at most "
                  + UploadLimits.megabytes(UploadLimits.MAX_MUSIC_BYTES)
                  + ".",
              List.of(
                  new FieldError(
                      IMAGES,
                      "must each be at most "
                          + UploadLimits.megabytes(UploadLimits.MAX_IMAGE_BYTES)),
                  new FieldError(
                      MUSIC,
                      "must be at most " + UploadLimits.megabytes(UploadLimits.MAX_MUSIC_BYTES))))
          : imageTooLarge();
    }
    if (error instanceof DecodingException) {
      if (message.startsWith("Too many parts")) {
        return Problems.tooLarge(
            "Too many parts: send one brief and at most "
                + UploadLimits.MAX_IMAGES
                + " images ("
                + UploadLimits.MAX_PARTS
                + " parts at most).",
            List.of(new FieldError(IMAGES, "must hold at most " + UploadLimits.MAX_IMAGES)));
      }
      return Problems.of(
          HttpStatus.BAD_REQUEST,
          "Malformed upload",
          "The body is not well-formed multipart/form-data: " + message + ".");
    }
    return error;
  }

  private Path newFolder() throws IOException {
    Files.createDirectories(incoming);
    return Files.createTempDirectory(incoming, "upload-");
  }

  private static Mono<Void> delete(Path folder) {
    return Mono.<Void>fromRunnable(() -> deleteRecursively(folder))
        .subscribeOn(Schedulers.boundedElastic());
  }

  /**
   * Deletes an upload's folder in the background. The multipart reader may still be finishing a
   * file in it when a refusal cuts the body short, so a folder that survives is tried again.
   */
  private static void deleteLater(Path folder) {
    Mono.fromRunnable(() -> deleteRecursively(folder))
        .subscribeOn(Schedulers.boundedElastic())
        .retryWhen(Retry.fixedDelay(5, Duration.ofMillis(200)))
        .subscribe(null, error -> log.warn("Could not delete the upload folder {}", folder, error));
  }

  private static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean up " + folder, e);
    }
    if (Files.exists(folder)) {
      throw new UncheckedIOException(new IOException("still there: " + folder));
    }
  }
}
