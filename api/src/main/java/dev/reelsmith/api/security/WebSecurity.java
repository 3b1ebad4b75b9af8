package dev.reelsmith.api.security;

import java.net.InetSocketAddress;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.HttpStatusReturningServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may do what over HTTP (README.md, "Accounts and sharing").
 *
 * <ul>
 *   <li>Everything needs a signed-in account except the web UI's assets, its sign-in and share
 *       pages, {@code /api/share/…}, media requested with a share token ({@code ?share=}, which the
 *       media controller checks), the health endpoint and the OpenAPI document.
 *   <li>Browsers sign in through the UI's page, which posts to {@code /login}, and keep a session
 *       cookie; API clients and the command line send HTTP Basic with every request.
 *   <li>CSRF: a state-changing request that rides on the session cookie must carry the {@code
 *       X-XSRF-TOKEN} header, whose value the UI reads from the {@code XSRF-TOKEN} cookie. Requests
 *       with Basic credentials need none: a browser never attaches those by itself here, since it
 *       is never challenged for them.
 *   <li>Failed sign-ins, by form or by Basic, are slowed down by {@link SignInThrottle}.
 * </ul>
 *
 * <p>Whether a signed-in account may see a given generation is not decided here but by {@code
 * GenerationAccess}: to anyone else it does not exist.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class WebSecurity {

  /** Reachable without an account; what each of them serves is public by design. */
  private static final String[] PUBLIC_PAGES_AND_DOCUMENTS = {
    SecurityResponses.SIGN_IN_PAGE,
    "/share/*",
    "/assets/**",
    "/api/share/*",
    "/api/openapi.json",
    "/actuator/health",
    "/actuator/health/**"
  };

  @Bean
  Accounts accounts(AccessProperties properties) {
    return Accounts.of(properties.users());
  }

  @Bean
  SignInThrottle signInThrottle() {
    return new SignInThrottle(Clock.systemUTC());
  }

  @Bean
  SecurityResponses securityResponses(JsonMapper json) {
    return new SecurityResponses(json);
  }

  /** Spring Security's firewall refuses suspicious paths; it says so as problem+json. */
  @Bean
  ServerExchangeRejectedHandler badPathRefusal(SecurityResponses responses) {
    return responses.badPath();
  }

  @Bean
  SecurityWebFilterChain securityWebFilterChain(
      ServerHttpSecurity http,
      Accounts accounts,
      SignInThrottle throttle,
      SecurityResponses responses) {
    ReactiveAuthenticationManager signIn = new ThrottledSignIn(accounts, throttle);
    return http.authorizeExchange(
            exchanges ->
                exchanges
                    .pathMatchers(HttpMethod.GET, PUBLIC_PAGES_AND_DOCUMENTS)
                    .permitAll()
                    .matchers(sharedMedia())
                    .permitAll()
                    .anyExchange()
                    .authenticated())
        .httpBasic(
            basic ->
                basic
                    .authenticationManager(signIn)
                    .authenticationEntryPoint(responses.signInRequired())
                    .authenticationFailureHandler(responses.signInFailed()))
        .formLogin(
            form ->
                form.loginPage(SecurityResponses.SIGN_IN_PAGE)
                    .requiresAuthenticationMatcher(
                        ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/login"))
                    .authenticationManager(signIn)
                    .authenticationSuccessHandler(responses.signedIn())
                    .authenticationFailureHandler(responses.signInFailed()))
        .logout(
            logout ->
                logout
                    .logoutUrl("/logout")
                    .logoutHandler(
                        new DelegatingServerLogoutHandler(
                            new SecurityContextServerLogoutHandler(),
                            new WebSessionServerLogoutHandler()))
                    .logoutSuccessHandler(
                        new HttpStatusReturningServerLogoutSuccessHandler(HttpStatus.NO_CONTENT)))
        .csrf(
            csrf ->
                csrf.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
                    // The UI sends the cookie's value as it is, so no per-response masking.
                    .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                    .requireCsrfProtectionMatcher(needsCsrfToken())
                    .accessDeniedHandler(responses.forbidden()))
        // The way back after signing in is the sign-in page's ?next=, not a session per visitor.
        .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
        .exceptionHandling(
            exceptions ->
                exceptions
                    .authenticationEntryPoint(responses.signInRequired())
                    .accessDeniedHandler(responses.forbidden()))
        .addFilterBefore(clientAddress(), SecurityWebFiltersOrder.HTTP_BASIC)
        .addFilterAfter(csrfCookie(), SecurityWebFiltersOrder.CSRF)
        .build();
  }

  /** Media asked for with a share token; the media controller decides what the token opens. */
  private static ServerWebExchangeMatcher sharedMedia() {
    return exchange ->
        exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/media/")
                && exchange.getRequest().getQueryParams().containsKey("share")
            ? MatchResult.match()
            : MatchResult.notMatch();
  }

  /** State-changing requests, except those that bring their own Basic credentials. */
  private static ServerWebExchangeMatcher needsCsrfToken() {
    return exchange ->
        CsrfWebFilter.DEFAULT_CSRF_MATCHER
            .matches(exchange)
            .flatMap(
                unsafe ->
                    unsafe.isMatch() && !sendsBasicCredentials(exchange.getRequest())
                        ? MatchResult.match()
                        : MatchResult.notMatch());
  }

  /**
   * Basic credentials in the request itself. A browser sends {@code Sec-Fetch-Site: cross-site} on
   * a request another site made it send, and that one needs the token whatever it carries.
   */
  private static boolean sendsBasicCredentials(ServerHttpRequest request) {
    String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    return authorization != null
        && authorization.regionMatches(true, 0, "Basic ", 0, 6)
        && !"cross-site".equalsIgnoreCase(request.getHeaders().getFirst("Sec-Fetch-Site"));
  }

  /** Puts the client's address where {@link ThrottledSignIn} finds it. */
  private static WebFilter clientAddress() {
    return (exchange, chain) -> {
      InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
      String client =
          remote == null || remote.getAddress() == null
              ? "unknown"
              : remote.getAddress().getHostAddress();
      return chain
          .filter(exchange)
          .contextWrite(context -> context.put(ThrottledSignIn.CLIENT, client));
    };
  }

  /**
   * Makes sure the {@code XSRF-TOKEN} cookie is set: WebFlux creates the token lazily, only when
   * something subscribes to it, and a single-page app renders no form that would.
   */
  private static WebFilter csrfCookie() {
    return (exchange, chain) -> {
      Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
      return (token == null ? Mono.<CsrfToken>empty() : token).then(chain.filter(exchange));
    };
  }
}
