package dev.reelsmith.api.sharing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret that signs share links: {@code REELSMITH_SHARE_KEY} when set, otherwise one made once
 * and kept in {@code <data dir>/.share-key}, readable by its owner only, so links outlive a restart
 * and every server on the same data folder accepts them. Changing or deleting the key revokes every
 * link issued with it.
 */
final class ShareKey {

  static final String FILE = ".share-key";

  /** As long as the HMAC-SHA256 output; shorter keys would make it the weak link. */
  static final int MIN_BYTES = 32;

  private ShareKey() {}

  /**
   * The configured key when there is one, else the kept one, made now if there is none yet.
   *
   * @throws IllegalArgumentException when the configured or the kept key is too short
   */
  static byte[] load(String configured, Path dataDir) {
    if (configured != null && !configured.isBlank()) {
      byte[] key = configured.getBytes(StandardCharsets.UTF_8);
      if (key.length < MIN_BYTES) {
        throw new IllegalArgumentException(
            "REELSMITH_SHARE_KEY must be at least " + MIN_BYTES + " characters long");
      }
      return key;
    }
    try {
      Path file = dataDir.resolve(FILE);
      if (!Files.exists(file)) {
        create(file);
      }
      byte[] key =
          Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
      if (key.length < MIN_BYTES) {
        throw new IllegalArgumentException(
            file
                + " holds a key shorter than "
                + MIN_BYTES
                + " bytes; delete it to make a new one");
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or make the share key in " + dataDir, e);
    }
  }

  /**
   * Writes a new key to a private temporary file, then links it into place: a server starting at
   * the same moment on the same folder either finds no key or a whole one, and both end up with it.
   */
  private static void create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] key = new byte[MIN_BYTES];
    new SecureRandom().nextBytes(key);
    Path temporary =
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
            ? Files.createTempFile(
                file.getParent(),
                ".share-key",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
            : Files.createTempFile(file.getParent(), ".share-key", ".tmp");
    try {
      Files.writeString(
          temporary, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
      try {
        Files.createLink(file, temporary);
      } catch (FileAlreadyExistsException madeMeanwhile) {
        // Another server made it first: its key is the one.
      } catch (UnsupportedOperationException noLinks) {
        Files.move(temporary, file);
      }
    } catch (FileAlreadyExistsException madeMeanwhile) {
      // The move found another server's key in place.
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
