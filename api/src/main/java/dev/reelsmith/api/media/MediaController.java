package dev.reelsmith.api.media;

import dev.reelsmith.activities.storage.MediaStore;
import dev.reelsmith.api.generations.GenerationAccess;
import dev.reelsmith.api.problems.Problems;
import dev.reelsmith.api.sharing.ShareTokens;
import dev.reelsmith.workflows.MediaLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.Principal;
import java.time.Duration;
import java.util.Set;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Serves a generation's artefacts (PRODUCT.md §5, §6): scene videos, the final ad, their posters
 * and the reference images, at the links {@link MediaLayout#url} makes.
 *
 * <p>The body is a {@link Resource}, so Spring's resource writer answers {@code Range} requests
 * with 206 and zero-copy file regions; a range that cannot be satisfied is answered here, with the
 * 416 and {@code Content-Range: bytes *}{@code /<length>} that RFC 9110 asks for. Artefacts are
 * published once and never rewritten, so clients may keep them; they are private to their owner, so
 * shared caches may not.
 *
 * <p>Nothing outside the generation's folder is ever served: {@link MediaPath} admits only plain
 * names, and a symbolic link anywhere inside the folder is refused, wherever it points.
 *
 * <p>Who may fetch what: the generation's owner ({@link GenerationAccess}) everything; anyone with
 * a valid share token ({@code ?share=}, {@link ShareTokens}) the final video and its poster;
 * everyone else nothing, with the same 404 as for a generation that does not exist.
 */
@RestController
public class MediaController {

  private static final CacheControl IMMUTABLE =
      CacheControl.maxAge(Duration.ofDays(365)).cachePrivate().immutable();

  /** What a share token opens: the finished ad and its poster, nothing else. */
  private static final Set<String> SHARED =
      Set.of(MediaLayout.FINAL_VIDEO, MediaLayout.FINAL_POSTER);

  private final MediaStore store;
  private final GenerationAccess access;
  private final ShareTokens shares;

  public MediaController(MediaStore store, GenerationAccess access, ShareTokens shares) {
    this.store = store;
    this.access = access;
    this.shares = shares;
  }

  @GetMapping(MediaLayout.URL_PREFIX + "{generationId}/**")
  Mono<ResponseEntity<Resource>> media(
      ServerHttpRequest request,
      @RequestParam(defaultValue = "0") String download,
      @RequestParam(required = false) String share,
      Principal caller) {
    String rawPath = request.getPath().pathWithinApplication().value();
    return Mono.fromCallable(
            () -> serve(rawPath, request.getHeaders(), wantsDownload(download), share, caller))
        .subscribeOn(Schedulers.boundedElastic());
  }

  private ResponseEntity<Resource> serve(
      String rawPath, HttpHeaders request, boolean download, String share, Principal caller)
      throws IOException {
    String generationId =
        MediaPath.generationId(rawPath).orElseThrow(MediaController::noSuchGeneration);
    boolean owner = access.mayAccess(caller, generationId);
    if (!owner && share == null) {
      throw Problems.notFound(generationId);
    }
    Path folder = store.folder(generationId);
    if (!owner) {
      ShareTokens.Grant grant = shares.open(share, Problems.notFound(generationId));
      boolean opens =
          grant.generationId().equals(generationId)
              && MediaPath.parse(rawPath)
                  .filter(m -> SHARED.contains(m.relativePath()))
                  .isPresent();
      if (!opens) {
        throw Problems.notFound(generationId);
      }
    }
    if (!Files.isDirectory(folder)) {
      throw Problems.notFound(generationId);
    }
    MediaPath media = MediaPath.parse(rawPath).orElseThrow(() -> noSuchMedia(generationId));
    Path file = folder.toRealPath().resolve(media.relativePath());
    if (!isPlainFile(file)) {
      throw noSuchMedia(generationId);
    }
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    Resource resource = new FileSystemResource(file);
    if (!satisfiable(request, resource)) {
      return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
          .header(HttpHeaders.ACCEPT_RANGES, "bytes")
          .header(HttpHeaders.CONTENT_RANGE, "bytes */" + attributes.size())
          .build();
    }
    ResponseEntity.BodyBuilder response =
        ResponseEntity.ok()
            .contentType(media.type())
            .cacheControl(IMMUTABLE)
            .eTag(
                Long.toHexString(attributes.size())
                    + "-"
                    + Long.toHexString(attributes.lastModifiedTime().toMillis()))
            .lastModified(attributes.lastModifiedTime().toInstant())
            .header("X-Content-Type-Options", "nosniff");
    if (download) {
      response.header(
          HttpHeaders.CONTENT_DISPOSITION,
          ContentDisposition.attachment()
              .filename(downloadName(generationId, media))
              .build()
              .toString());
    }
    return response.body(resource);
  }

  /**
   * Whether {@code file} is a regular file reached without following a link: its real path is the
   * path itself, every folder on the way from the (real) generation folder included.
   */
  private static boolean isPlainFile(Path file) {
    try {
      return file.toRealPath().equals(file) && Files.isRegularFile(file);
    } catch (IOException missing) {
      return false;
    }
  }

  private static boolean satisfiable(HttpHeaders request, Resource resource) {
    try {
      HttpRange.toResourceRegions(request.getRange(), resource);
      return true;
    } catch (IllegalArgumentException unsatisfiable) {
      return false;
    }
  }

  private static boolean wantsDownload(String download) {
    return download.equals("1") || download.equalsIgnoreCase("true");
  }

  /**
   * {@code reelsmith-<first 8 of the id>-final.mp4}: recognisable, distinct per ad, and plain ASCII
   * (a {@link MediaPath} name is), so no {@code filename*} is needed.
   */
  private static String downloadName(String generationId, MediaPath media) {
    return "reelsmith-" + generationId.substring(0, 8) + "-" + media.fileName();
  }

  private static ErrorResponseException noSuchGeneration() {
    return Problems.of(
        HttpStatus.NOT_FOUND, "Generation not found", "There is no such generation.");
  }

  private static ErrorResponseException noSuchMedia(String generationId) {
    return Problems.of(
        HttpStatus.NOT_FOUND,
        "Media not found",
        "Generation " + generationId + " has no such file to serve.");
  }
}
