package dev.reelsmith.api.problems;

import dev.reelsmith.workflows.FieldError;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The problems (RFC 9457) the API answers with; each says what is wrong in its detail. */
public final class Problems {

  private Problems() {}

  public static ErrorResponseException of(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return new ErrorResponseException(status, problem, null);
  }

  /** 400 with every field at fault, as {@code errors: [{field, message}]}. */
  public static ErrorResponseException invalid(String detail, List<FieldError> errors) {
    return withErrors(of(HttpStatus.BAD_REQUEST, "Invalid request", detail), errors);
  }

  /** 413: a part or the whole upload is over its limit, with the fields at fault. */
  public static ErrorResponseException tooLarge(String detail, List<FieldError> errors) {
    return withErrors(of(HttpStatus.CONTENT_TOO_LARGE, "Upload too large", detail), errors);
  }

  /** The problem with {@code errors: [{field, message}]} added. */
  public static ErrorResponseException withErrors(
      ErrorResponseException exception, List<FieldError> errors) {
    exception
        .getBody()
        .setProperty(
            "errors",
            errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
    return exception;
  }

  /** 404, the same for an id that never existed and one that is not the caller's. */
  public static ErrorResponseException notFound(String generationId) {
    return of(
        HttpStatus.NOT_FOUND,
        "Generation not found",
        "There is no generation " + generationId + ".");
  }
}
