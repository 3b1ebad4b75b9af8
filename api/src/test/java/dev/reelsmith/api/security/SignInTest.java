package dev.reelsmith.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.api.TestAccounts;
import dev.reelsmith.api.testing.AppTest;
import dev.reelsmith.workflows.Generations;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Signing in over HTTP, as a browser and as an API client: 401 without credentials, HTTP Basic, the
 * sign-in form with its session cookie and CSRF token, signing out, and the slow-down after
 * repeated wrong passwords.
 */
@AppTest
class SignInTest {

  @TempDir static Path data;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("reelsmith.data-dir", () -> data.toString());
  }

  @Autowired WebTestClient http;
  @Autowired SignInThrottle throttle;

  /** A browser before signing in: no Basic credentials, cookies only when the test sends them. */
  private WebTestClient browser;

  @BeforeEach
  void browser() {
    browser = TestAccounts.anonymous(http);
  }

  /** A browser's session: its cookies, and the CSRF token the UI reads from one of them. */
  private record Session(String session, String xsrf) {}

  private String xsrfCookieOfTheSignInPage() {
    EntityExchangeResult<byte[]> page =
        browser
            .get()
            .uri("/sign-in")
            .accept(MediaType.TEXT_HTML)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult();
    ResponseCookie xsrf = page.getResponseCookies().getFirst("XSRF-TOKEN");
    assertThat(xsrf).as("the sign-in page sets the CSRF cookie").isNotNull();
    assertThat(xsrf.isHttpOnly()).as("the UI's script must read it").isFalse();
    return xsrf.getValue();
  }

  private WebTestClient.ResponseSpec signIn(String xsrf, String user, String password) {
    return browser
        .post()
        .uri("/login")
        .cookie("XSRF-TOKEN", xsrf)
        .header("X-XSRF-TOKEN", xsrf)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(BodyInserters.fromFormData("username", user).with("password", password))
        .exchange();
  }

  private Session signedIn() {
    String xsrf = xsrfCookieOfTheSignInPage();
    EntityExchangeResult<byte[]> result =
        browser
            .post()
            .uri("/login")
            .cookie("XSRF-TOKEN", xsrf)
            .cookie("SESSION", "planted-by-someone-else")
            .header("X-XSRF-TOKEN", xsrf)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(
                BodyInserters.fromFormData("username", TestAccounts.USER)
                    .with("password", TestAccounts.PASSWORD))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.username")
            .isEqualTo(TestAccounts.USER)
            .returnResult();
    ResponseCookie session = result.getResponseCookies().getFirst("SESSION");
    assertThat(session).as("signing in starts a session").isNotNull();
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.getValue()).isNotEqualTo("planted-by-someone-else");
    return new Session(session.getValue(), xsrf);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/master-mode/generations",
        "/api/session",
        "/media/3f1c2a9e-0000-4000-8000-000000000000/final.mp4",
        "/actuator/prometheus"
      })
  void answersAnApiCallWithoutCredentialsWith401Problem(String path) {
    browser
        .get()
        .uri(path)
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Reelsmith\", charset=\"UTF-8\"")
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(401)
        .jsonPath("$.title")
        .isEqualTo("Sign-in required");
  }

  @Test
  void neverAsksABrowserForBasicCredentials() {
    browser
        .get()
        .uri("/api/master-mode/generations")
        .header("Sec-Fetch-Mode", "cors")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .doesNotExist(HttpHeaders.WWW_AUTHENTICATE);
  }

  @Test
  void sendsAPageLoadWithoutSessionToTheSignInPageAndBack() {
    browser
        .get()
        .uri("/generations/3f1c2a9e-0000-4000-8000-000000000000?from=mail")
        .accept(MediaType.TEXT_HTML)
        .exchange()
        .expectStatus()
        .isFound()
        .expectHeader()
        .location(
            "/sign-in?next=%2Fgenerations%2F3f1c2a9e-0000-4000-8000-000000000000%3Ffrom%3Dmail");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/sign-in", "/share/anything", "/actuator/health", "/api/openapi.json"})
  void servesThePublicPagesAndDocumentsWithoutAnAccount(String path) {
    browser.get().uri(path).exchange().expectStatus().isOk();
  }

  @Test
  void healthSaysUpToAnyoneAndWhatItTalksToOnlyToAnAccount() {
    browser
        .get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP")
        .jsonPath("$.components")
        .doesNotExist();
    http.get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.components.temporal.details.namespace")
        .isEqualTo("default");
  }

  @Test
  void acceptsHttpBasicCredentials() {
    http.get()
        .uri("/api/session")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.username")
        .isEqualTo(TestAccounts.USER);
  }

  @Test
  void refusesAWrongBasicPasswordWith401() {
    TestAccounts.as(http, TestAccounts.USER, "not-the-password")
        .get()
        .uri("/api/session")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("Wrong name or password.");
  }

  @Test
  void basicCredentialsNeedNoCsrfToken() {
    http.post()
        .uri("/api/master-mode/generations/{id}/cancel", Generations.newId())
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  @Test
  void signingInNeedsTheCsrfToken() {
    String xsrf = xsrfCookieOfTheSignInPage();

    browser
        .post()
        .uri("/login")
        .cookie("XSRF-TOKEN", xsrf)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(
            BodyInserters.fromFormData("username", TestAccounts.USER)
                .with("password", TestAccounts.PASSWORD))
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void aWrongPasswordInTheFormIsA401Problem() {
    signIn(xsrfCookieOfTheSignInPage(), TestAccounts.USER, "not-the-password")
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("Wrong name or password.");
  }

  @Test
  void theSessionCookieSignsInAndStateChangesNeedTheCsrfTokenWithIt() {
    Session session = signedIn();
    String id = Generations.newId();

    browser
        .get()
        .uri("/api/session")
        .cookie("SESSION", session.session())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.username")
        .isEqualTo(TestAccounts.USER);
    browser
        .post()
        .uri("/api/master-mode/generations/{id}/cancel", id)
        .cookie("SESSION", session.session())
        .cookie("XSRF-TOKEN", session.xsrf())
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("Request refused");
    browser
        .post()
        .uri("/api/master-mode/generations/{id}/cancel", id)
        .cookie("SESSION", session.session())
        .cookie("XSRF-TOKEN", session.xsrf())
        .header("X-XSRF-TOKEN", "not-the-token")
        .exchange()
        .expectStatus()
        .isForbidden();
    // With the token the request gets through to the API, which knows no such generation.
    browser
        .post()
        .uri("/api/master-mode/generations/{id}/cancel", id)
        .cookie("SESSION", session.session())
        .cookie("XSRF-TOKEN", session.xsrf())
        .header("X-XSRF-TOKEN", session.xsrf())
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  @Test
  void signingOutEndsTheSession() {
    Session session = signedIn();

    browser
        .post()
        .uri("/logout")
        .cookie("SESSION", session.session())
        .cookie("XSRF-TOKEN", session.xsrf())
        .header("X-XSRF-TOKEN", session.xsrf())
        .exchange()
        .expectStatus()
        .isNoContent();

    browser
        .get()
        .uri("/api/session")
        .cookie("SESSION", session.session())
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void repeatedWrongPasswordsLockThatNameFromThatAddressForAWhile() {
    String xsrf = xsrfCookieOfTheSignInPage();
    try {
      for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
        signIn(xsrf, TestAccounts.OTHER_USER, "guess-" + i).expectStatus().isUnauthorized();
      }

      // Now even the right password is refused, by the form and by HTTP Basic alike.
      signIn(xsrf, TestAccounts.OTHER_USER, TestAccounts.OTHER_PASSWORD)
          .expectStatus()
          .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectHeader()
          .value(
              HttpHeaders.RETRY_AFTER,
              seconds ->
                  assertThat(Long.parseLong(seconds))
                      .isBetween(1L, SignInThrottle.FIRST_LOCK.toSeconds()));
      TestAccounts.as(http, TestAccounts.OTHER_USER, TestAccounts.OTHER_PASSWORD)
          .get()
          .uri("/api/session")
          .exchange()
          .expectStatus()
          .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
          .expectHeader()
          .exists(HttpHeaders.RETRY_AFTER);
      // Another name from the same address is not affected.
      signIn(xsrf, TestAccounts.USER, TestAccounts.PASSWORD).expectStatus().isOk();
    } finally {
      throttle.succeeded(TestAccounts.OTHER_USER, "127.0.0.1");
    }
  }
}
