package dev.reelsmith.api.temporal;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses between the embedded default and a real Temporal server, and applies the process's role.
 * Without {@code TEMPORAL_ADDRESS} Reelsmith runs Temporal's in-process server; with it, it
 * connects there ({@code TEMPORAL_NAMESPACE}, default {@code default}) and lists the history from
 * Temporal's visibility store, which the in-process server does not have. These are defaults:
 * explicit settings ({@code spring.*}, {@code REELSMITH_HISTORY}) win.
 */
public class TemporalDefaults implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> defaults = new HashMap<>();
    String address = environment.getProperty("TEMPORAL_ADDRESS");
    if (address == null || address.isBlank()) {
      defaults.put("spring.temporal.test-server.enabled", "true");
    } else {
      defaults.put("spring.temporal.connection.target", address);
      defaults.put(
          "spring.temporal.namespace", environment.getProperty("TEMPORAL_NAMESPACE", "default"));
      defaults.put("reelsmith.history", "visibility");
    }
    String role = environment.getProperty("reelsmith.role", "all");
    if (role.equalsIgnoreCase("worker")) {
      defaults.put("spring.main.web-application-type", "none");
    } else if (role.equalsIgnoreCase("api")) {
      defaults.put("spring.temporal.start-workers", "false");
    }
    environment.getPropertySources().addLast(new MapPropertySource("reelsmithTemporal", defaults));
  }
}
