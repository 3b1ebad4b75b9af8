package dev.reelsmith.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

  /** A clock the test moves by hand. */
  private static final class TestClock extends Clock {

    private Instant now = Instant.parse("2025-06-01T10:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private final TestClock clock = new TestClock();
  private final SignInThrottle throttle = new SignInThrottle(clock);

  private void fail(int times) {
    for (int i = 0; i < times; i++) {
      throttle.failed("alice", "10.0.0.1");
    }
  }

  @Test
  void letsAPersonMistypeAFewTimes() {
    fail(SignInThrottle.FREE_FAILURES - 1);

    assertThat(throttle.lockedFor("alice", "10.0.0.1")).isEmpty();
  }

  @Test
  void locksAfterTheFreeFailuresForLongerAfterEachFurtherOne() {
    fail(SignInThrottle.FREE_FAILURES);

    assertThat(throttle.lockedFor("alice", "10.0.0.1")).contains(Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(30));
    assertThat(throttle.lockedFor("alice", "10.0.0.1")).isEmpty();
    fail(1);
    assertThat(throttle.lockedFor("alice", "10.0.0.1")).contains(Duration.ofSeconds(60));
    assertThat(SignInThrottle.lock(2)).isEqualTo(Duration.ofSeconds(120));
    assertThat(SignInThrottle.lock(100)).isEqualTo(SignInThrottle.LONGEST_LOCK);
  }

  @Test
  void locksOnlyThatNameFromThatAddressWhateverItsCase() {
    fail(SignInThrottle.FREE_FAILURES);

    assertThat(throttle.lockedFor("ALICE", "10.0.0.1")).isPresent();
    assertThat(throttle.lockedFor("alice", "10.0.0.2")).isEmpty();
    assertThat(throttle.lockedFor("bob", "10.0.0.1")).isEmpty();
  }

  @Test
  void aSuccessStartsTheCountAgain() {
    fail(SignInThrottle.FREE_FAILURES - 1);
    throttle.succeeded("alice", "10.0.0.1");
    fail(SignInThrottle.FREE_FAILURES - 1);

    assertThat(throttle.lockedFor("alice", "10.0.0.1")).isEmpty();
  }

  @Test
  void forgetsFailuresAfterAQuietHour() {
    fail(SignInThrottle.FREE_FAILURES - 1);
    clock.advance(SignInThrottle.FORGET_AFTER.plusSeconds(1));
    fail(SignInThrottle.FREE_FAILURES - 1);

    assertThat(throttle.lockedFor("alice", "10.0.0.1")).isEmpty();
  }

  @Test
  void slowsDownOneAddressTryingManyNames() {
    for (int i = 1; i < SignInThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
      throttle.failed("user" + i, "10.0.0.1");
    }
    assertThat(throttle.lockedFor("someone", "10.0.0.1")).isEmpty();

    throttle.failed("one-more", "10.0.0.1");
    throttle.succeeded("user1", "10.0.0.1");

    assertThat(throttle.lockedFor("someone", "10.0.0.1")).contains(Duration.ofSeconds(30));
    assertThat(throttle.lockedFor("someone", "10.0.0.2")).isEmpty();
    clock.advance(Duration.ofSeconds(30));
    throttle.failed("another", "10.0.0.1");
    assertThat(throttle.lockedFor("someone", "10.0.0.1")).contains(Duration.ofSeconds(60));
  }

  @Test
  void staysBoundedUnderASprayOfNamesAndAddresses() {
    for (int i = 0; i < SignInThrottle.MAX_ENTRIES + 10; i++) {
      clock.advance(Duration.ofMillis(1));
      throttle.failed("user" + i, "10.1." + i / 256 + "." + i % 256);
    }
    fail(SignInThrottle.FREE_FAILURES);

    assertThat(throttle.lockedFor("alice", "10.0.0.1")).isPresent();
    assertThat(throttle.size()).isLessThanOrEqualTo(SignInThrottle.MAX_ENTRIES);
  }
}
