package dev.reelsmith.api.problems;

import dev.reelsmith.activities.images.InvalidImageException;
import dev.reelsmith.workflows.FieldError;
import dev.reelsmith.workflows.InvalidBriefException;
import dev.reelsmith.workflows.UploadLimits;
import java.util.List;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the failures of bad input into problem+json. Framework errors (wrong content type,
 * unreadable body) are rendered by Spring's own problem details.
 */
@RestControllerAdvice
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
    return Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unusable image", e.getMessage());
  }

  @ExceptionHandler
  ErrorResponseException tooLarge(DataBufferLimitException e) {
    return Problems.of(
        HttpStatus.CONTENT_TOO_LARGE,
        "Upload too large",
        "Each image may be at most "
            + UploadLimits.MAX_IMAGE_BYTES / (1024 * 1024)
            + " MB, and the brief at most a few kilobytes.");
  }

  private static List<FieldError> prefixed(String prefix, List<FieldError> errors) {
    return errors.stream().map(e -> new FieldError(prefix + e.field(), e.message())).toList();
  }
}
