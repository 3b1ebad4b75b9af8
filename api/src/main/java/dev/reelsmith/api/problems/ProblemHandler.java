package dev.reelsmith.api.problems;

import dev.reelsmith.activities.images.InvalidImageException;
import dev.reelsmith.workflows.Briefs;
import dev.reelsmith.workflows.FieldError;
import dev.reelsmith.workflows.InvalidBriefException;
import dev.reelsmith.workflows.UploadLimits;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/**
 * Turns the failures of bad input into problem+json. Other framework errors are rendered by
 * Spring's own problem details; this advice comes first, so where it has a handler, its problem is
 * the one sent.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandler {

  @ExceptionHandler
  ErrorResponseException invalidBrief(InvalidBriefException e) {
    return Problems.invalid(
        "The brief is invalid: "
            + String.join("; ", e.errors().stream().map(String::valueOf).toList()),
        prefixed("brief.", e.errors()));
  }

  @ExceptionHandler
  ErrorResponseException invalidImage(InvalidImageException e) {
    return Problems.withErrors(
        Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unusable image", e.getMessage()),
        List.of(new FieldError("images", e.getMessage())));
  }

  /**
   * A body of a type the operation does not take. Spring's own problem says only that the type is
   * not supported; this one also says what to send, and keeps Spring's {@code Accept} headers.
   */
  @ExceptionHandler
  ResponseEntity<ProblemDetail> unsupportedType(UnsupportedMediaTypeStatusException e) {
    String sent = e.getContentType() == null ? "none" : e.getContentType().toString();
    String wanted =
        e.getSupportedMediaTypes().stream()
            .map(MediaType::toString)
            .collect(Collectors.joining(" or "));
    ProblemDetail problem =
        Problems.of(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported Media Type",
                "Content-Type " + sent + " is not supported here; send " + wanted + ".")
            .getBody();
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .headers(e.getHeaders())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  /** A limit that {@link dev.reelsmith.api.generations.Uploads} did not name more precisely. */
  @ExceptionHandler
  ErrorResponseException tooLarge(DataBufferLimitException e) {
    return Problems.of(
        HttpStatus.CONTENT_TOO_LARGE,
        "Upload too large",
        "Each image may be at most "
            + UploadLimits.megabytes(UploadLimits.MAX_IMAGE_BYTES)
            + ", and the brief at most "
            + Briefs.MAX_JSON_BYTES / 1024
            + " KB.");
  }

  /**
   * The brief's fields as {@code brief.product_name}; a fault of the whole brief as {@code brief}.
   */
  private static List<FieldError> prefixed(String prefix, List<FieldError> errors) {
    return errors.stream()
        .map(
            e ->
                prefix.equals(e.field() + ".")
                    ? e
                    : new FieldError(prefix + e.field(), e.message()))
        .toList();
  }
}
