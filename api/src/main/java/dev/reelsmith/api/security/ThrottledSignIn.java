package dev.reelsmith.api.security;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Checks a password, for the sign-in form and for HTTP Basic alike, through the {@link
 * SignInThrottle}: a locked name and address is refused with {@link SignInThrottledException}
 * before the password is looked at. A name without an account is refused as late as a wrong
 * password ({@link Accounts#checkAsIfKnown}). The client's address comes from the Reactor context,
 * where {@link WebSecurity} puts it for every request ({@link #CLIENT}).
 */
final class ThrottledSignIn implements ReactiveAuthenticationManager {

  /** The Reactor context key of the client's address. */
  static final String CLIENT = ThrottledSignIn.class.getName() + ".client";

  private final Accounts accounts;
  private final ReactiveAuthenticationManager passwords;
  private final SignInThrottle throttle;

  ThrottledSignIn(Accounts accounts, SignInThrottle throttle) {
    this.accounts = accounts;
    this.passwords = new UserDetailsRepositoryReactiveAuthenticationManager(accounts);
    this.throttle = throttle;
  }

  @Override
  public Mono<Authentication> authenticate(Authentication attempt) {
    return Mono.deferContextual(
        context -> {
          String username = attempt.getName();
          String client = client(context);
          return throttle
              .lockedFor(username, client)
              .<Mono<Authentication>>map(wait -> Mono.error(new SignInThrottledException(wait)))
              .orElseGet(
                  () ->
                      passwords
                          .authenticate(attempt)
                          .onErrorResume(
                              BadCredentialsException.class,
                              refused ->
                                  accounts
                                      .checkAsIfKnown(username, password(attempt))
                                      .then(Mono.error(refused)))
                          .doOnNext(signedIn -> throttle.succeeded(username, client))
                          .doOnError(
                              BadCredentialsException.class,
                              refused -> throttle.failed(username, client)));
        });
  }

  private static String password(Authentication attempt) {
    return attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
  }

  private static String client(ContextView context) {
    return context.getOrDefault(CLIENT, "unknown");
  }
}
