package dev.reelsmith.api.problems;

import dev.reelsmith.workflows.FieldError;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.util.List;

/**
 * The body of every error, as the API document describes it: RFC 9457's fields as Spring's {@link
 * org.springframework.http.ProblemDetail} writes them, plus {@code errors} for invalid input
 * ({@link Problems#invalid}).
 */
@Schema(requiredProperties = {"title", "status", "detail"})
public record Problem(
    @Nullable String type,
    String title,
    int status,
    String detail,
    @Nullable String instance,
    @Nullable List<FieldError> errors) {}
