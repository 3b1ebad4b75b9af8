package dev.reelsmith.api.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the security layer answers, in the API's own terms: problem+json for the API, a redirect to
 * the sign-in page for a page load, JSON for the sign-in page's own requests.
 *
 * <p>A browser never gets a {@code WWW-Authenticate: Basic} challenge, or it would show its own
 * password dialog over the sign-in page; it is known by the {@code Sec-Fetch-Mode} header every
 * current browser sends. Other clients get the challenge that HTTP asks for.
 */
final class SecurityResponses {

  /** The web UI's sign-in page; it comes back to {@code ?next=} afterwards. */
  static final String SIGN_IN_PAGE = "/sign-in";

  private static final String CHALLENGE = "Basic realm=\"Reelsmith\", charset=\"UTF-8\"";

  private final JsonMapper json;

  SecurityResponses(JsonMapper json) {
    this.json = json;
  }

  /** Who is signed in: the answer of the sign-in form and of {@code GET /api/session}. */
  record Session(String username) {}

  /** Unauthenticated: the sign-in page for a page load, 401 for everything else. */
  ServerAuthenticationEntryPoint signInRequired() {
    return (exchange, refusal) -> {
      ServerHttpRequest request = exchange.getRequest();
      if (isPageLoad(request)) {
        return redirectToSignIn(exchange);
      }
      return unauthorized(
          exchange,
          "Sign-in required",
          "Sign in first, or send HTTP Basic credentials (curl -u name:password).");
    };
  }

  /**
   * The sign-in form succeeded: who is now signed in. The session holds the account already; it
   * gets a new id, so that a session id planted before signing in is worth nothing after.
   */
  ServerAuthenticationSuccessHandler signedIn() {
    return (filterExchange, authentication) ->
        filterExchange
            .getExchange()
            .getSession()
            .flatMap(WebSession::changeSessionId)
            .then(
                write(
                    filterExchange.getExchange().getResponse(),
                    HttpStatus.OK,
                    MediaType.APPLICATION_JSON,
                    new Session(authentication.getName())));
  }

  /** A failed sign-in, through the form or HTTP Basic: 429 while throttled, else 401. */
  ServerAuthenticationFailureHandler signInFailed() {
    return (filterExchange, refusal) -> refused(filterExchange.getExchange(), refusal);
  }

  /** A state-changing request without the CSRF token of its session, or an unknown one: 403. */
  ServerAccessDeniedHandler forbidden() {
    return (exchange, denied) ->
        problem(
            exchange,
            HttpStatus.FORBIDDEN,
            "Request refused",
            "This request changes something, so a signed-in browser must send the X-XSRF-TOKEN"
                + " header with the value of the XSRF-TOKEN cookie. Reload the page and try again.");
  }

  /** A request whose path the firewall refuses (encoded separators, dot segments, …): 400. */
  ServerExchangeRejectedHandler badPath() {
    return (exchange, rejected) ->
        problem(
            exchange,
            HttpStatus.BAD_REQUEST,
            "Bad request path",
            "The path of this request holds an encoded separator, a dot segment or a character"
                + " that no address of this server has.");
  }

  private Mono<Void> refused(ServerWebExchange exchange, AuthenticationException refusal) {
    if (refusal instanceof SignInThrottledException throttled) {
      long seconds = Math.max(1, (throttled.retryAfter().toMillis() + 999) / 1000);
      exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      return problem(
          exchange,
          HttpStatus.TOO_MANY_REQUESTS,
          "Too many failed sign-ins",
          "Too many wrong passwords for this name from here. Try again in "
              + seconds
              + " seconds.");
    }
    return unauthorized(exchange, "Sign-in failed", "Wrong name or password.");
  }

  private Mono<Void> unauthorized(ServerWebExchange exchange, String title, String detail) {
    if (!fromBrowser(exchange.getRequest())) {
      exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
    }
    return problem(exchange, HttpStatus.UNAUTHORIZED, title, detail);
  }

  private Mono<Void> problem(
      ServerWebExchange exchange, HttpStatus status, String title, String detail) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status.value());
    problem.put("detail", detail);
    problem.put("instance", exchange.getRequest().getPath().value());
    return write(exchange.getResponse(), status, MediaType.APPLICATION_PROBLEM_JSON, problem);
  }

  private Mono<Void> write(
      ServerHttpResponse response, HttpStatus status, MediaType type, Object body) {
    response.setStatusCode(status);
    response.getHeaders().setContentType(type);
    response.getHeaders().setCacheControl("no-store");
    DataBuffer buffer = response.bufferFactory().wrap(json.writeValueAsBytes(body));
    return response.writeWith(Mono.just(buffer));
  }

  /** A person opening one of the UI's pages, rather than a script or the UI asking the API. */
  private static boolean isPageLoad(ServerHttpRequest request) {
    String path = request.getPath().pathWithinApplication().value();
    return request.getMethod() == HttpMethod.GET
        && !path.startsWith("/api/")
        && !path.startsWith("/media/")
        && !path.startsWith("/actuator/")
        && request.getHeaders().getAccept().stream()
            .anyMatch(type -> !type.isWildcardType() && type.isCompatibleWith(MediaType.TEXT_HTML));
  }

  private static Mono<Void> redirectToSignIn(ServerWebExchange exchange) {
    ServerHttpRequest request = exchange.getRequest();
    String next = request.getPath().pathWithinApplication().value();
    if (request.getURI().getRawQuery() != null) {
      next += "?" + request.getURI().getRawQuery();
    }
    URI location =
        UriComponentsBuilder.fromPath(SIGN_IN_PAGE)
            .queryParam("next", "{next}")
            .encode(StandardCharsets.UTF_8)
            .buildAndExpand(next)
            .toUri();
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(HttpStatus.FOUND);
    response.getHeaders().setLocation(location);
    return response.setComplete();
  }

  static boolean fromBrowser(ServerHttpRequest request) {
    return request.getHeaders().containsHeader("Sec-Fetch-Mode");
  }
}
