package dev.reelsmith.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The accounts of the tests (test {@code config/application.yml}, {@code reelsmith.users}), and the
 * default that lets every test talk to the API without thinking about signing in: the
 * auto-configured {@link WebTestClient} of every {@code @SpringBootTest} sends {@link #USER}'s HTTP
 * Basic credentials with each request. Component scanning finds this class for every application
 * context the tests start.
 *
 * <p>A test that needs someone else uses {@link #as}, or {@link #anonymous} for no one; clients a
 * test builds itself start from {@link #signedIn}.
 */
@Configuration(proxyBeanMethods = false)
public class TestAccounts {

  public static final String USER = "tester";
  public static final String PASSWORD = "tester-password";

  /** A second account, for tests of what one account must not see of another's. */
  public static final String OTHER_USER = "other";

  public static final String OTHER_PASSWORD = "other-password";

  @Bean
  WebTestClientBuilderCustomizer signedInAsTheTestUser() {
    return TestAccounts::signedIn;
  }

  /**
   * The client's default 5 s is short for a first request (the API document, say) on a machine
   * whose two cores several builds share; a test that wants a tighter bound sets its own.
   */
  @Bean
  WebTestClientBuilderCustomizer patientOnABusyMachine() {
    return builder -> builder.responseTimeout(Duration.ofSeconds(30));
  }

  /** Makes {@code builder}'s requests carry {@link #USER}'s Basic credentials. */
  public static WebTestClient.Builder signedIn(WebTestClient.Builder builder) {
    return builder.defaultHeaders(headers -> headers.setBasicAuth(USER, PASSWORD));
  }

  /** The same client, signed in as someone else. */
  public static WebTestClient as(WebTestClient client, String user, String password) {
    return client.mutate().defaultHeaders(headers -> headers.setBasicAuth(user, password)).build();
  }

  /** The same client, without credentials. */
  public static WebTestClient anonymous(WebTestClient client) {
    return client
        .mutate()
        .defaultHeaders(headers -> headers.remove(HttpHeaders.AUTHORIZATION))
        .build();
  }

  /** An {@code Authorization} header value with Basic credentials. */
  public static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
