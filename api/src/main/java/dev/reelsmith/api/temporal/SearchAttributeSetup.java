package dev.reelsmith.api.temporal;

import dev.reelsmith.workflows.GenerationSearchAttributes;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Makes sure the Temporal namespace knows Reelsmith's {@link GenerationSearchAttributes search
 * attributes} before anything here starts or runs a generation, once at start-up and idempotently:
 * on the in-process server through its test environment, on a real server ({@code
 * TEMPORAL_ADDRESS}) through its OperatorService, adding those it does not list.
 *
 * <p>Generations always set the attributes: that keeps the workflow deterministic and every
 * generation findable, but a server that does not know an attribute fails the workflow tasks that
 * set it. So when attributes are missing and the server refuses to add them (an account without
 * operator rights, Temporal Cloud), the application refuses to start and says how to add them by
 * hand. When the server will not even list them, nobody here can tell: it logs one warning, saying
 * what must exist, and starts.
 */
@Component
public class SearchAttributeSetup implements InitializingBean {

  private static final Logger log = LoggerFactory.getLogger(SearchAttributeSetup.class);

  /** Listing and adding take milliseconds; adding to Elasticsearch may take a few seconds. */
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final WorkflowClient client;
  private final ObjectProvider<TestWorkflowEnvironment> embedded;

  public SearchAttributeSetup(
      WorkflowClient client, ObjectProvider<TestWorkflowEnvironment> embedded) {
    this.client = client;
    this.embedded = embedded;
  }

  @Override
  public void afterPropertiesSet() {
    TestWorkflowEnvironment server = embedded.getIfAvailable();
    if (server != null) {
      register(server);
      return;
    }
    OperatorServiceStubs stubs =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder(client.getWorkflowServiceStubs().getOptions())
                .validateAndBuildWithDefaults());
    try {
      ensure(new OperatorNamespace(stubs, client.getOptions().getNamespace()));
    } finally {
      stubs.shutdown();
      stubs.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** Registers the attributes on an in-process server; those it knows already stay as they are. */
  public static void register(TestWorkflowEnvironment server) {
    GenerationSearchAttributes.registerWith(server::registerSearchAttribute);
  }

  /** A namespace's custom search attributes, as a Temporal server's OperatorService keeps them. */
  interface Namespace {

    String name();

    Map<String, IndexedValueType> customAttributes();

    void add(Map<String, IndexedValueType> attributes);
  }

  /**
   * Adds the attributes {@code namespace} lacks; throws when some are missing or of another type
   * and cannot be added, and warns when the namespace cannot be asked.
   */
  static void ensure(Namespace namespace) {
    Map<String, IndexedValueType> known;
    try {
      known = namespace.customAttributes();
    } catch (StatusRuntimeException e) {
      log.warn(
          "Could not list the search attributes of Temporal namespace {} ({}). Reelsmith's"
              + " generations set {}: if any is missing, their workflow tasks fail until it is"
              + " added, for instance with: {}",
          namespace.name(),
          e.getStatus(),
          describe(wanted()),
          command(namespace.name(), wanted()));
      return;
    }
    Map<String, IndexedValueType> missing = new LinkedHashMap<>();
    for (Map.Entry<String, IndexedValueType> attribute : wanted().entrySet()) {
      IndexedValueType type = known.get(attribute.getKey());
      if (type == null) {
        missing.put(attribute.getKey(), attribute.getValue());
      } else if (type != attribute.getValue()) {
        throw new IllegalStateException(
            "Temporal namespace "
                + namespace.name()
                + " has the search attribute "
                + attribute.getKey()
                + " as "
                + typeName(type)
                + ", but Reelsmith sets it as "
                + typeName(attribute.getValue())
                + ". Remove it (temporal operator search-attribute remove --namespace "
                + namespace.name()
                + " --name "
                + attribute.getKey()
                + ") or use another namespace.");
      }
    }
    if (missing.isEmpty()) {
      log.info("Temporal namespace {} has Reelsmith's search attributes", namespace.name());
      return;
    }
    try {
      namespace.add(missing);
      log.info(
          "Added the search attributes {} to Temporal namespace {}",
          describe(missing),
          namespace.name());
    } catch (StatusRuntimeException e) {
      if (addedMeanwhile(namespace, missing)) {
        return;
      }
      throw new IllegalStateException(
          "Temporal namespace "
              + namespace.name()
              + " lacks the search attributes "
              + describe(missing)
              + " that Reelsmith's generations set, and refused to add them ("
              + e.getStatus()
              + "). Add them once, with operator rights: "
              + command(namespace.name(), missing),
          e);
    }
  }

  /** Whether another process added them while this one tried (several start at once). */
  private static boolean addedMeanwhile(Namespace namespace, Map<String, IndexedValueType> wanted) {
    try {
      Map<String, IndexedValueType> known = namespace.customAttributes();
      return wanted.entrySet().stream()
          .allMatch(attribute -> attribute.getValue() == known.get(attribute.getKey()));
    } catch (StatusRuntimeException e) {
      return false;
    }
  }

  private static Map<String, IndexedValueType> wanted() {
    return GenerationSearchAttributes.ALL.stream()
        .collect(
            Collectors.toMap(
                SearchAttributeKey::getName,
                SearchAttributeKey::getValueType,
                (a, b) -> a,
                LinkedHashMap::new));
  }

  private static String describe(Map<String, IndexedValueType> attributes) {
    return attributes.entrySet().stream()
        .map(attribute -> attribute.getKey() + " (" + typeName(attribute.getValue()) + ")")
        .collect(Collectors.joining(", "));
  }

  /** The Temporal CLI's way to add {@code attributes}, one {@code --name}/{@code --type} each. */
  static String command(String namespace, Map<String, IndexedValueType> attributes) {
    return "temporal operator search-attribute create --namespace "
        + namespace
        + attributes.entrySet().stream()
            .map(
                attribute ->
                    " --name " + attribute.getKey() + " --type " + typeName(attribute.getValue()))
            .collect(Collectors.joining());
  }

  /** {@code INDEXED_VALUE_TYPE_KEYWORD} as the CLI and Temporal Web say it: {@code Keyword}. */
  private static String typeName(IndexedValueType type) {
    String name = type.name().replace("INDEXED_VALUE_TYPE_", "");
    return switch (name) {
      case "KEYWORD_LIST" -> "KeywordList";
      case "DATETIME" -> "Datetime";
      default -> name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    };
  }

  /** A real server's namespace, through its OperatorService. */
  private record OperatorNamespace(OperatorServiceStubs stubs, String name) implements Namespace {

    @Override
    public Map<String, IndexedValueType> customAttributes() {
      return stubs
          .blockingStub()
          .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace(name).build())
          .getCustomAttributesMap();
    }

    @Override
    public void add(Map<String, IndexedValueType> attributes) {
      stubs
          .blockingStub()
          .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .addSearchAttributes(
              AddSearchAttributesRequest.newBuilder()
                  .setNamespace(name)
                  .putAllSearchAttributes(attributes)
                  .build());
    }
  }
}
