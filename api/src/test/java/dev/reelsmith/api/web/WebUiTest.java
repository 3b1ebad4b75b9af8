package dev.reelsmith.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.api.testing.AppTest;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The api jar serves the web UI: its pages at their own URLs, its assets cached for good. */
@AppTest
class WebUiTest {

  @TempDir static Path data;

  @Autowired WebTestClient http;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("reelsmith.data-dir", () -> data.toString());
  }

  private String page(String path) {
    return http.get()
        .uri(path)
        .accept(MediaType.TEXT_HTML)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.TEXT_HTML)
        .expectHeader()
        .cacheControl(org.springframework.http.CacheControl.noCache())
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/generations", "/generations/3f1c2a9e-0000-4000-8000-000000000000"})
  void everyPageOfTheUiOpensAtItsOwnUrl(String path) {
    assertThat(page(path)).contains("<div id=\"root\"></div>");
  }

  @Test
  void theUisScriptIsServedAndCachedForGood() {
    Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(page("/"));
    assertThat(script.find()).as("index.html names its script").isTrue();

    // The bundle is larger than the client's default in-memory limit.
    http.mutate()
        .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
        .build()
        .get()
        .uri(script.group(1))
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("immutable"))
        .expectBody(String.class)
        .value(body -> assertThat(body).isNotBlank());
  }

  @Test
  void apiPathsAreNotMistakenForPages() {
    http.get()
        .uri("/api/master-mode/generations/not-a-generation")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
  }
}
