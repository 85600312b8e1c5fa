package cn.healthit.approval.organisation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The organisation as data: groups, people and who may start or follow which process. Read from
 * every {@code organisation/*.json} (one file per regulation), so a hospital replaces the files
 * with its own people without touching code.
 */
public record Organisation(List<Group> groups, List<User> users, List<ProcessAccess> processes) {

  /** A candidate group: id is the contract (CONTRACT.md), name is what users read. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Group(String id, String name) {}

  /** A person; {@code name} is the full Chinese name, {@code title} the post shown beside it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record User(String id, String name, String title, String email, List<String> groups) {
    public List<String> groups() {
      return groups == null ? List.of() : groups;
    }
  }

  /**
   * Who may start a process ({@code starters}), who takes part in it and may read its history
   * ({@code participants}), and who follows it read-only ({@code observers}, 抄送).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ProcessAccess(String key, List<String> starters, List<String> participants, List<String> observers,
      Requester requester) {
    public List<String> starters() {
      return starters == null ? List.of() : starters;
    }

    public List<String> participants() {
      return participants == null ? List.of() : participants;
    }

    public List<String> observers() {
      return observers == null ? List.of() : observers;
    }
  }

  /**
   * Who a project is filed for ({@link RequesterRule}): the start variable holding the requesting department's
   * group id, its label, the groups that may be named, and the planning offices whose members may file for any.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Requester(String variable, String label, List<String> departments, List<String> planningOffices) {
    public List<String> departments() {
      return departments == null ? List.of() : departments;
    }

    public List<String> planningOffices() {
      return planningOffices == null ? List.of() : planningOffices;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record File(List<Group> groups, List<User> users, List<ProcessAccess> processes) {}

  public Set<String> groupIds() {
    Set<String> ids = new TreeSet<>();
    groups.forEach(g -> ids.add(g.id()));
    return ids;
  }

  /** The process's requester rule, or null where the organisation files name none. */
  public Requester requester(String processKey) {
    return processes.stream().filter(p -> p.key().equals(processKey)).map(ProcessAccess::requester)
        .filter(r -> r != null).findFirst().orElse(null);
  }

  public String groupName(String id) {
    return groups.stream().filter(g -> g.id().equals(id)).map(Group::name).findFirst().orElse(id);
  }

  /** Reads and merges every file matching the pattern; rejects duplicates and unknown group references. */
  public static Organisation load(String pattern) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Map<String, Group> groups = new LinkedHashMap<>();
    Map<String, User> users = new LinkedHashMap<>();
    Map<String, ProcessAccess> processes = new LinkedHashMap<>();
    Resource[] resources = new PathMatchingResourcePatternResolver().getResources(pattern);
    java.util.Arrays.sort(resources, java.util.Comparator.comparing(Resource::getDescription));
    for (Resource resource : resources) {
      File file;
      try (InputStream in = resource.getInputStream()) {
        file = mapper.readValue(in, File.class);
      }
      String source = resource.getFilename();
      for (Group g : nonNull(file.groups())) {
        if (groups.putIfAbsent(g.id(), g) != null) {
          throw new IllegalStateException(source + ": group " + g.id() + " is defined twice");
        }
      }
      for (User u : nonNull(file.users())) {
        if (users.putIfAbsent(u.id(), u) != null) {
          throw new IllegalStateException(source + ": user " + u.id() + " is defined twice");
        }
      }
      for (ProcessAccess p : nonNull(file.processes())) {
        if (processes.putIfAbsent(p.key(), p) != null) {
          throw new IllegalStateException(source + ": process " + p.key() + " is defined twice");
        }
      }
    }
    Organisation organisation = new Organisation(new ArrayList<>(groups.values()),
        new ArrayList<>(users.values()), new ArrayList<>(processes.values()));
    organisation.checkReferences();
    return organisation;
  }

  private void checkReferences() {
    Set<String> ids = groupIds();
    for (User u : users) {
      for (String g : u.groups()) {
        if (!ids.contains(g)) {
          throw new IllegalStateException("user " + u.id() + " belongs to unknown group " + g);
        }
      }
    }
    for (ProcessAccess p : processes) {
      List<String> all = new ArrayList<>(p.starters());
      all.addAll(p.participants());
      all.addAll(p.observers());
      if (p.requester() != null) {
        all.addAll(p.requester().departments());
        all.addAll(p.requester().planningOffices());
      }
      for (String g : all) {
        if (!ids.contains(g)) {
          throw new IllegalStateException("process " + p.key() + " names unknown group " + g);
        }
      }
    }
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
