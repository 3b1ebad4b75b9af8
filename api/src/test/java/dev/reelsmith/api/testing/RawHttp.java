package dev.reelsmith.api.testing;

import dev.reelsmith.api.TestAccounts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 requests written byte for byte: HTTP clients normalise or re-encode a path like {@code
 * /a/../b} or {@code %2e%2e}; an attacker's client does not.
 */
public final class RawHttp {

  private RawHttp() {}

  /** The status and the whole response (headers and body) as ISO-8859-1 text. */
  public record Response(int status, String text) {}

  /** A GET signed in as the tests' account ({@link TestAccounts#USER}). */
  public static Response get(int port, String target) throws IOException {
    return get(port, target, TestAccounts.basic(TestAccounts.USER, TestAccounts.PASSWORD));
  }

  /** A GET with this {@code Authorization} header, or none when it is null. */
  public static Response get(int port, String target, String authorization) throws IOException {
    String credentials = authorization == null ? "" : "Authorization: " + authorization + "\r\n";
    return request(
        port, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + credentials, new byte[0]);
  }

  /**
   * Sends {@code head} (request line and headers, each ending in CRLF; {@code Connection: close} is
   * added) and then {@code body}, and reads the response until the server closes the connection. A
   * server that hangs fails this after ten seconds.
   */
  public static Response request(int port, String head, byte[] body) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      return new Response(Integer.parseInt(text.substring(9, 12)), text);
    }
  }
}
