package dev.reelsmith.workflows;

/** One field of a request at fault, and why. */
public record FieldError(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
