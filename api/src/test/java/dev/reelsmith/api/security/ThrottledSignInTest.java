package dev.reelsmith.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import reactor.core.publisher.Mono;

class ThrottledSignInTest {

  private final SignInThrottle throttle = new SignInThrottle(Clock.systemUTC());
  private final ThrottledSignIn signIn =
      new ThrottledSignIn(
          Accounts.of("bob:{bcrypt}" + new BCryptPasswordEncoder(4).encode("bob's secret")),
          throttle);

  private Mono<Authentication> attempt(String username, String password) {
    return signIn
        .authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password))
        .contextWrite(context -> context.put(ThrottledSignIn.CLIENT, "10.0.0.1"));
  }

  @Test
  void signsInWithTheRightPassword() {
    assertThat(attempt("bob", "bob's secret").block().getName()).isEqualTo("bob");
  }

  @Test
  void refusesANameWithoutAnAccountExactlyAsAWrongPasswordAndCountsBoth() {
    Throwable wrongPassword = catchThrowable(() -> attempt("bob", "guess").block());
    Throwable unknownName = catchThrowable(() -> attempt("mallory", "guess").block());

    assertThat(wrongPassword).isInstanceOf(BadCredentialsException.class);
    assertThat(unknownName)
        .isInstanceOf(BadCredentialsException.class)
        .hasMessage(wrongPassword.getMessage());
    for (int i = 1; i < SignInThrottle.FREE_FAILURES; i++) {
      catchThrowable(() -> attempt("mallory", "guess").block());
    }
    assertThat(throttle.lockedFor("mallory", "10.0.0.1")).isPresent();
    assertThat(throttle.lockedFor("bob", "10.0.0.1")).isEmpty();
  }
}
