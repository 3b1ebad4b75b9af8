package dev.reelsmith.api.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShareKeyTest {

  private static final String GENERATION = "3f1c2a9e-0000-4000-8000-000000000000";

  @TempDir Path data;

  @Test
  void makesAKeyOnceKeepsItPrivateAndFindsItAgainAfterARestart() throws Exception {
    byte[] first = ShareKey.load(null, data);
    String token =
        new ShareTokens(first, Clock.systemUTC()).issue(GENERATION, Instant.now().plusSeconds(60));

    byte[] again = ShareKey.load("", data);
    Path file = data.resolve(ShareKey.FILE);

    assertThat(again).isEqualTo(first).hasSize(ShareKey.MIN_BYTES);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(new ShareTokens(again, Clock.systemUTC()).verify(token))
        .hasValueSatisfying(grant -> assertThat(grant.generationId()).isEqualTo(GENERATION));
    try (var files = Files.list(data)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aConfiguredKeyWinsAndNothingIsWritten() throws Exception {
    String configured = "a shared secret of at least thirty-two characters";

    byte[] key = ShareKey.load(configured, data);

    assertThat(key).isEqualTo(configured.getBytes(StandardCharsets.UTF_8));
    assertThat(data.resolve(ShareKey.FILE)).doesNotExist();
  }

  @Test
  void refusesAShortConfiguredKey() {
    assertThatThrownBy(() -> ShareKey.load("too short", data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32 characters")
        .hasMessageNotContaining("too short");
  }

  @Test
  void aTokenSignedWithAnotherKeyIsNotOneOfOurs() {
    ShareTokens ours = new ShareTokens(ShareKey.load(null, data), Clock.systemUTC());
    ShareTokens theirs =
        new ShareTokens(
            "another secret of at least thirty-two characters".getBytes(StandardCharsets.UTF_8),
            Clock.systemUTC());

    String token = theirs.issue(GENERATION, Instant.now().plusSeconds(60));

    assertThat(ours.verify(token)).isEmpty();
    assertThat(theirs.verify(token)).isPresent();
  }
}
