package dev.reelsmith.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.temporal.api.enums.v1.IndexedValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How start-up treats a real server's namespace: the in-process server takes every attribute
 * without asking (tested wherever the application starts), a real one is asked over its
 * OperatorService, which this fake stands in for.
 */
class SearchAttributeSetupTest {

  private static final IndexedValueType KEYWORD = IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
  private static final IndexedValueType TEXT = IndexedValueType.INDEXED_VALUE_TYPE_TEXT;

  /** A namespace with some attributes that refuses to list or to add when told to. */
  private static class FakeNamespace implements SearchAttributeSetup.Namespace {
    final Map<String, IndexedValueType> attributes = new HashMap<>();
    final List<Map<String, IndexedValueType>> added = new ArrayList<>();
    Status listRefusal;
    Status addRefusal;

    @Override
    public String name() {
      return "reelsmith";
    }

    @Override
    public Map<String, IndexedValueType> customAttributes() {
      if (listRefusal != null) {
        throw listRefusal.asRuntimeException();
      }
      return Map.copyOf(attributes);
    }

    @Override
    public void add(Map<String, IndexedValueType> attributes) {
      if (addRefusal != null) {
        throw addRefusal.asRuntimeException();
      }
      added.add(Map.copyOf(attributes));
      this.attributes.putAll(attributes);
    }
  }

  private final FakeNamespace namespace = new FakeNamespace();

  @Test
  void addsOnlyTheAttributesTheNamespaceLacks() {
    namespace.attributes.put("ReelsmithUser", KEYWORD);
    namespace.attributes.put("CustomerId", KEYWORD);

    SearchAttributeSetup.ensure(namespace);

    assertThat(namespace.added)
        .containsExactly(
            Map.of("ReelsmithStep", KEYWORD, "ReelsmithStatus", KEYWORD, "ReelsmithProduct", TEXT));
  }

  @Test
  void addsNothingTheSecondTime() {
    SearchAttributeSetup.ensure(namespace);
    SearchAttributeSetup.ensure(namespace);

    assertThat(namespace.added).hasSize(1);
    assertThat(namespace.attributes).hasSize(4);
  }

  @Test
  void refusesToStartWhenTheyAreMissingAndTheServerWillNotAddThem() {
    namespace.addRefusal = Status.PERMISSION_DENIED.withDescription("not an admin");

    assertThatThrownBy(() -> SearchAttributeSetup.ensure(namespace))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Temporal namespace reelsmith lacks the search attributes")
        .hasMessageContaining("PERMISSION_DENIED")
        .hasMessageContaining(
            "temporal operator search-attribute create --namespace reelsmith"
                + " --name ReelsmithUser --type Keyword --name ReelsmithStep --type Keyword"
                + " --name ReelsmithStatus --type Keyword --name ReelsmithProduct --type Text");
  }

  @Test
  void startsWhenAnotherProcessAddedThemMeanwhile() {
    FakeNamespace racing =
        new FakeNamespace() {
          private int lists;

          @Override
          public Map<String, IndexedValueType> customAttributes() {
            return lists++ == 0
                ? Map.of()
                : Map.of(
                    "ReelsmithUser", KEYWORD,
                    "ReelsmithStep", KEYWORD,
                    "ReelsmithStatus", KEYWORD,
                    "ReelsmithProduct", TEXT);
          }
        };
    racing.addRefusal = Status.ALREADY_EXISTS;

    SearchAttributeSetup.ensure(racing);

    assertThat(racing.added).isEmpty();
  }

  @Test
  void refusesToStartWhenAnAttributeHasAnotherType() {
    namespace.attributes.put("ReelsmithProduct", KEYWORD);

    assertThatThrownBy(() -> SearchAttributeSetup.ensure(namespace))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ReelsmithProduct as Keyword, but Reelsmith sets it as Text");
    assertThat(namespace.added).isEmpty();
  }

  @Test
  void startsWithAWarningWhenTheNamespaceCannotBeAsked() {
    namespace.listRefusal = Status.PERMISSION_DENIED;

    SearchAttributeSetup.ensure(namespace);

    assertThat(namespace.added).isEmpty();
  }
}
