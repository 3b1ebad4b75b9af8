package dev.reelsmith.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** Which Temporal, and which history, the environment chooses. */
class TemporalDefaultsTest {

  private static MockEnvironment configured(MockEnvironment environment) {
    new TemporalDefaults().postProcessEnvironment(environment, new SpringApplication());
    return environment;
  }

  @Test
  void withoutAnAddressTheEmbeddedServerAndTheManifestsServe() {
    MockEnvironment environment = configured(new MockEnvironment());

    assertThat(environment.getProperty("spring.temporal.test-server.enabled")).isEqualTo("true");
    assertThat(environment.getProperty("reelsmith.history")).isNull();
  }

  @Test
  void aRealServerListsTheHistoryFromItsVisibilityStore() {
    MockEnvironment environment =
        configured(new MockEnvironment().withProperty("TEMPORAL_ADDRESS", "temporal:7233"));

    assertThat(environment.getProperty("spring.temporal.connection.target"))
        .isEqualTo("temporal:7233");
    assertThat(environment.getProperty("reelsmith.history")).isEqualTo("visibility");
  }

  @Test
  void anExplicitHistoryWins() {
    MockEnvironment environment =
        configured(
            new MockEnvironment()
                .withProperty("TEMPORAL_ADDRESS", "temporal:7233")
                .withProperty("reelsmith.history", "manifests"));

    assertThat(environment.getProperty("reelsmith.history")).isEqualTo("manifests");
  }
}
