package dev.reelsmith.api.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How many more bytes the disk that holds a folder can take: a seam, so a test can fill it. */
@FunctionalInterface
public interface FreeSpace {

  long usableBytes(Path folder) throws IOException;

  /**
   * The usable space of the file store the folder is on; a folder that does not exist yet is on the
   * store of its nearest existing parent.
   */
  static FreeSpace ofFileStore() {
    return folder -> {
      Path existing = folder.toAbsolutePath().normalize();
      while (!Files.exists(existing) && existing.getParent() != null) {
        existing = existing.getParent();
      }
      return Files.getFileStore(existing).getUsableSpace();
    };
  }
}
