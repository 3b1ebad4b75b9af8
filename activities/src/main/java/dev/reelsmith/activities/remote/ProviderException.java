package dev.reelsmith.activities.remote;

import dev.reelsmith.workflows.Failures;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;

/**
 * A remote provider's answer that is not a result, in words a user can act on. {@link #toFailure()}
 * turns it into what Temporal needs: rate limits retry after the provider's own delay, outages
 * retry with the activity's back-off, refusals do not retry at all.
 */
public final class ProviderException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What kind of trouble, which decides whether and when to try again. */
  public enum Kind {
    /** HTTP 429: try again after {@link #retryAfter()}. */
    RATE_LIMITED,
    /** 5xx, a timeout or a broken connection: try again later. */
    UNAVAILABLE,
    /** Safety, validation, a bad key or an unknown model: the same request fails the same way. */
    REJECTED
  }

  private final Kind kind;
  private final transient Duration retryAfter;

  private ProviderException(Kind kind, String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.retryAfter = retryAfter;
  }

  public static ProviderException rateLimited(String message, Duration retryAfter) {
    return new ProviderException(Kind.RATE_LIMITED, message, retryAfter, null);
  }

  public static ProviderException unavailable(String message, Throwable cause) {
    return new ProviderException(Kind.UNAVAILABLE, message, null, cause);
  }

  public static ProviderException rejected(String message) {
    return new ProviderException(Kind.REJECTED, message, null, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The provider's requested delay before the next attempt; null unless rate limited. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** The failure an activity throws for this: typed, and retryable only when it makes sense. */
  public ApplicationFailure toFailure() {
    ApplicationFailure.Builder failure =
        ApplicationFailure.newBuilder().setMessage(getMessage()).setCause(getCause());
    return switch (kind) {
      case RATE_LIMITED ->
          failure
              .setType(Failures.PROVIDER_RATE_LIMITED.name())
              .setNextRetryDelay(retryAfter)
              .build();
      case UNAVAILABLE -> failure.setType(Failures.PROVIDER_UNAVAILABLE.name()).build();
      case REJECTED ->
          failure.setType(Failures.PROVIDER_REJECTED.name()).setNonRetryable(true).build();
    };
  }
}
