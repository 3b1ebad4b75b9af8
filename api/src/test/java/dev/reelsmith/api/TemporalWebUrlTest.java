package dev.reelsmith.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** How {@code TEMPORAL_WEB_URL} is read: a base address, or nothing. */
class TemporalWebUrlTest {

  private static ReelsmithProperties with(String temporalWebUrl) {
    return new ReelsmithProperties(
        Path.of("data"),
        ReelsmithProperties.Role.ALL,
        2,
        Duration.ofDays(7),
        Duration.ofMillis(250),
        Duration.ofSeconds(15),
        2,
        1,
        DataSize.ofGigabytes(2),
        0,
        temporalWebUrl,
        ReelsmithProperties.History.MANIFESTS);
  }

  @Test
  void aBaseAddressLosesItsTrailingSlash() {
    assertThat(with(" https://temporal.example/ui/ ").temporalWebUrl())
        .isEqualTo("https://temporal.example/ui");
  }

  @Test
  void unsetOrBlankMeansNoLink() {
    assertThat(with(null).temporalWebUrl()).isNull();
    assertThat(with("").temporalWebUrl()).isNull();
  }

  @Test
  void anythingButAnHttpAddressIsRefusedAtStartUp() {
    assertThatThrownBy(() -> with("localhost:8233"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TEMPORAL_WEB_URL must be an http(s) address");
  }
}
