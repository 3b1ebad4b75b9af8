package dev.reelsmith.activities.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.Scene;
import dev.reelsmith.workflows.messages.StoryBeat.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NarratorTest {

  @TempDir Path root;

  private final String generationId = Generations.newId();

  static List<Scene> scenes() {
    return List.of(
        new Scene(
            1, Role.HOOK, "Mornings deserve better coffee.", "Better mornings", "a bottle", 5, 1),
        new Scene(2, Role.BENEFIT, "", "No sugar", "a glass", 5, 1),
        new Scene(
            3,
            Role.CALL_TO_ACTION,
            "Aurora Cold Brew. Smooth, slow-steeped, and ready when you are. Order today.",
            "Order today",
            "the bottle",
            5,
            1));
  }

  @Test
  void speaksEachNarrationOfflineOnceEvenWhenAskedAgain() throws IOException {
    AtomicInteger spoken = new AtomicInteger();
    FreeTtsSpeaker kevin = new FreeTtsSpeaker();
    Speaker counting =
        (text, file) -> {
          spoken.incrementAndGet();
          kevin.speak(text, file);
        };
    Narrator narrator = new Narrator(new LocalMediaStore(root), counting);

    List<Narrator.Narration> first = narrator.narrate(generationId, scenes());
    List<Narrator.Narration> again = narrator.narrate(generationId, scenes());

    // The scene without narration stays silent; the others are spoken once, at a speaking pace.
    assertThat(first).extracting(Narrator.Narration::index).containsExactly(1, 3);
    assertThat(first.get(0).path()).isEqualTo(MediaLayout.narration(1));
    assertThat(first.get(0).seconds()).isBetween(1.0, 4.0);
    assertThat(first.get(1).seconds()).isBetween(3.0, 9.0).isGreaterThan(first.get(0).seconds());
    assertThat(again).isEqualTo(first);
    assertThat(spoken).hasValue(2);
    float[][] voice =
        AudioDecoder.decode(root.resolve(generationId).resolve(first.get(0).path()), 10);
    assertThat(Loudness.integrated(voice)).isGreaterThan(-40);
  }
}
