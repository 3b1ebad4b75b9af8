package dev.reelsmith.api.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application on a random port, for one test class. Each class gives it a data dir of its
 * own, so no two classes could share the context anyway; it is closed when the class ends, so its
 * workers stop before JUnit deletes that dir, and none of them keeps working in the background (or
 * holds up the JVM's exit) while later classes run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@DirtiesContext
@TestPropertySource(
    properties = "spring.lifecycle.timeout-per-shutdown-phase=" + AppTest.SHUTDOWN_PHASE)
public @interface AppTest {

  /** Renders still running when a class ends get a few seconds to finish, not production's 30. */
  String SHUTDOWN_PHASE = "4s";

  /** Extra application properties, {@code key=value}. */
  @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
  String[] properties() default {};
}
