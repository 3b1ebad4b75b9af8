package dev.reelsmith.api.generations;

import dev.reelsmith.activities.storage.MediaStore;
import dev.reelsmith.api.ReelsmithProperties;
import dev.reelsmith.api.problems.Problems;
import dev.reelsmith.workflows.Briefs;
import dev.reelsmith.workflows.FieldError;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.UploadLimits;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.ImageRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Receives a new generation's multipart upload: the {@code brief} part (JSON) and 1–10 {@code
 * images} parts. Images stream to a private folder inside the data dir, are checked in full, and
 * only then move into the generation's folder; rejected input leaves nothing behind.
 */
@Component
public class Uploads {

  private static final Set<String> PARTS = Set.of("brief", "images");

  private final MediaStore store;
  private final Path incoming;

  public Uploads(MediaStore store, ReelsmithProperties properties) {
    this.store = store;
    this.incoming = properties.dataDir().resolve(".incoming");
  }

  /** A checked upload whose images are stored under its generation id. */
  public record Upload(String generationId, Brief brief, List<ImageRef> images) {}

  public Mono<Upload> receive(ServerWebExchange exchange) {
    return exchange.getMultipartData().flatMap(this::receive);
  }

  private Mono<Upload> receive(MultiValueMap<String, Part> parts) {
    for (String name : parts.keySet()) {
      if (!PARTS.contains(name)) {
        return Mono.error(
            Problems.invalid(
                "Unknown part \"" + name + "\": send only \"brief\" and \"images\".",
                List.of(new FieldError(name, "is not a part of this request"))));
      }
    }
    Part briefPart = parts.getFirst("brief");
    if (briefPart == null) {
      return Mono.error(
          Problems.invalid(
              "The brief is missing.",
              List.of(new FieldError("brief", "is required (a JSON part)"))));
    }
    List<Part> images = parts.getOrDefault("images", List.of());
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
                      "images",
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
                List.of(new FieldError("images", "must be files, not text fields"))));
      }
    }
    return text(briefPart)
        .flatMap(json -> Mono.fromCallable(() -> Briefs.parse(json)))
        .flatMap(
            brief ->
                Mono.usingWhen(
                    Mono.fromCallable(this::newFolder).subscribeOn(Schedulers.boundedElastic()),
                    folder -> store(brief, images, folder),
                    folder ->
                        Mono.fromRunnable(() -> deleteRecursively(folder))
                            .subscribeOn(Schedulers.boundedElastic())));
  }

  private Mono<Upload> store(Brief brief, List<Part> images, Path folder) {
    return Flux.fromIterable(images)
        .cast(FilePart.class)
        .index()
        .concatMap(
            indexed -> {
              Path file = folder.resolve("image-" + indexed.getT1());
              return indexed
                  .getT2()
                  .transferTo(file)
                  .thenReturn(new ReferenceImages.Candidate(file, indexed.getT2().filename()));
            })
        .collectList()
        .flatMap(
            candidates ->
                Mono.fromCallable(
                        () -> {
                          List<ReferenceImages.Checked> checked = ReferenceImages.check(candidates);
                          String generationId = Generations.newId();
                          return new Upload(
                              generationId,
                              brief,
                              ReferenceImages.store(store, generationId, checked));
                        })
                    .subscribeOn(Schedulers.boundedElastic()));
  }

  private static Mono<String> text(Part part) {
    return DataBufferUtils.join(part.content())
        .map(
            buffer -> {
              try {
                return buffer.toString(StandardCharsets.UTF_8);
              } finally {
                DataBufferUtils.release(buffer);
              }
            })
        .defaultIfEmpty("");
  }

  private Path newFolder() throws IOException {
    Files.createDirectories(incoming);
    return Files.createTempDirectory(incoming, "upload-");
  }

  private static void deleteRecursively(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean up " + folder, e);
    }
  }
}
