package dev.reelsmith.api.durability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the durability tests find the repository, write their logs and get ports. */
final class Workspace {

  private static final String SERVER_SCRIPT = "scripts/temporal-server";

  private Workspace() {}

  /**
   * The repository's root: the nearest folder above the working directory that has {@code
   * scripts/temporal-server}. Maven runs the api module's tests in {@code api/}.
   */
  static Path root() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(SERVER_SCRIPT))) {
        return dir;
      }
    }
    throw new IllegalStateException("No " + SERVER_SCRIPT + " in " + cwd + " or above it");
  }

  static Path serverScript() {
    return root().resolve(SERVER_SCRIPT);
  }

  /** {@code api/target/durability}: every process's log, kept for whoever debugs a failure. */
  static Path logs() {
    Path logs = root().resolve("api/target/durability");
    try {
      return Files.createDirectories(logs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A port nobody listens on right now, on the loopback interface. Another process may take it
   * before ours binds it; on a test machine that is rare enough.
   */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last lines of a log, for a failure message. */
  static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }
}
