package dev.reelsmith.api.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A multipart/form-data body written byte for byte. Spring's own writer quotes and encodes file
 * names and headers properly; a hostile client sends raw bytes (NUL, line breaks, unquoted
 * backslashes), and this does too.
 */
public final class RawMultipart {

  public static final String BOUNDARY = "reelsmith-test-boundary-7MA4YWxkTrZu0gW";

  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  /** The Content-Type header that goes with {@link #bytes()}. */
  public static String contentType() {
    return "multipart/form-data; boundary=" + BOUNDARY;
  }

  /** A text field: {@code Content-Disposition: form-data; name="<name>"}. */
  public RawMultipart field(String name, String value) {
    return part(
        "Content-Disposition: form-data; name=\"" + name + "\"",
        value.getBytes(StandardCharsets.UTF_8));
  }

  /** A file part whose file name is written as given, raw UTF-8 between quotes. */
  public RawMultipart file(String name, String fileName, String contentType, byte[] content) {
    return part(
        "Content-Disposition: form-data; name=\""
            + name
            + "\"; filename=\""
            + fileName
            + "\"\r\nContent-Type: "
            + contentType,
        content);
  }

  /** A file part with the content of {@code file}, sent under {@code fileName}. */
  public RawMultipart file(String name, String fileName, Path file) {
    try {
      return file(name, fileName, "application/octet-stream", Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A part with the headers given, one per line, written as UTF-8. */
  public RawMultipart part(String headers, byte[] content) {
    body.writeBytes(
        ("--" + BOUNDARY + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** The body with its closing delimiter. */
  public byte[] bytes() {
    ByteArrayOutputStream closed = new ByteArrayOutputStream();
    closed.writeBytes(body.toByteArray());
    closed.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return closed.toByteArray();
  }

  /** The body as a client that stops mid-way sends it: no closing delimiter. */
  public byte[] unterminated() {
    return body.toByteArray();
  }
}
