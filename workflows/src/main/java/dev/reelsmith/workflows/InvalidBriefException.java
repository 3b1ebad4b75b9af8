package dev.reelsmith.workflows;

import java.util.List;

/** A brief that breaks the rules of PRODUCT.md §5.1, with every field at fault. */
public class InvalidBriefException extends Exception {

  private final List<FieldError> errors;

  public InvalidBriefException(List<FieldError> errors) {
    super(
        "Invalid brief: " + String.join("; ", errors.stream().map(FieldError::toString).toList()));
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
