package dev.reelsmith.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.api.ReelsmithApplication;
import dev.reelsmith.api.TestAccounts;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The first run on a laptop: no accounts configured, one local account, its password shown. */
@ExtendWith(OutputCaptureExtension.class)
class LocalAccountTest {

  private static final Pattern PASSWORD_LINE =
      Pattern.compile("sign in as \"reelsmith\" with password (\\S+) ");

  @TempDir Path data;

  @Test
  void printsTheLocalAccountsPasswordOnceAndItSignsIn(CapturedOutput output) {
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(ReelsmithApplication.class)
            .run(
                "--server.port=0",
                "--reelsmith.data-dir=" + data,
                "--reelsmith.role=api",
                "--reelsmith.users=")) {
      List<String> lines = output.getAll().lines().filter(PASSWORD_LINE.asPredicate()).toList();
      assertThat(lines).hasSize(1);
      Matcher line = PASSWORD_LINE.matcher(lines.get(0));
      assertThat(line.find()).isTrue();
      String password = line.group(1);
      WebTestClient http =
          WebTestClient.bindToServer()
              .baseUrl(
                  "http://localhost:"
                      + app.getEnvironment().getRequiredProperty("local.server.port"))
              .build();

      http.get()
          .uri("/api/session")
          .headers(headers -> headers.setBasicAuth(Accounts.LOCAL_USER, password))
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.username")
          .isEqualTo(Accounts.LOCAL_USER);
      http.get()
          .uri("/api/session")
          .headers(headers -> headers.setBasicAuth(TestAccounts.USER, TestAccounts.PASSWORD))
          .exchange()
          .expectStatus()
          .isUnauthorized();
    }
  }
}
