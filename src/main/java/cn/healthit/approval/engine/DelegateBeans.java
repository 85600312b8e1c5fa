package cn.healthit.approval.engine;

import java.util.AbstractMap;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.ApplicationContext;

/**
 * The only Spring beans a model's expressions can reach: delegates and listeners. Camunda exposes
 * the whole application context by default, so a deployed model could read any bean's properties
 * (the data source, the configuration); this map narrows it to what models are meant to call.
 * Beans are looked up lazily, by type, so delegates may depend on the engine's services.
 */
public class DelegateBeans extends AbstractMap<Object, Object> {

  private static final Class<?>[] TYPES = {JavaDelegate.class, ExecutionListener.class, TaskListener.class};

  private final ApplicationContext context;

  public DelegateBeans(ApplicationContext context) {
    this.context = context;
  }

  @Override
  public boolean containsKey(Object key) {
    return key instanceof String name && isDelegate(name);
  }

  @Override
  public Object get(Object key) {
    return containsKey(key) ? context.getBean((String) key) : null;
  }

  private boolean isDelegate(String name) {
    if (!context.containsBean(name)) {
      return false;
    }
    for (Class<?> type : TYPES) {
      if (context.isTypeMatch(name, type)) {
        return true;
      }
    }
    return false;
  }

  /** The names of every delegate bean — what the model conformance test checks against. */
  public Set<String> names() {
    return Stream.of(TYPES)
        .flatMap(type -> Stream.of(context.getBeanNamesForType(type)))
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  @Override
  public Set<Entry<Object, Object>> entrySet() {
    return names().stream()
        .map(name -> (Entry<Object, Object>) new SimpleImmutableEntry<Object, Object>(name, context.getBean(name)))
        .collect(Collectors.toSet());
  }
}
