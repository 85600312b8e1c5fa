package cn.healthit.approval.labels;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The one place that turns ids and enum constants into what a person reads: enum constants → the option
 * texts of the forms ({@link FormOptions}), group ids → the group's name and user ids → the person's name
 * (the identity service, seeded from the organisation files and edited in Admin), amounts → {@link Amounts},
 * yes/no → 是/否, ISO date-times → 2026年11月25日 10:15. The approval record, the mails, the Tasklist plugins (through /api) and the forms' display
 * variables ({@link LabelVariables}) all read from here.
 */
@Component
public class Labels {

  /** Variables that hold a group id (the requesting department or unit), shown by the group's name. */
  public static final Set<String> GROUP_VARIABLES = Set.of("requestingDepartment", "constructionUnit");

  /** Amounts the platform computes (no form field enters them), shown formatted like the forms' amounts. */
  public static final Set<String> PLATFORM_AMOUNTS = Set.of("contingencyReserve", "totalEstimate", "escalationLine");

  /** Variables that hold a user id (a named person), shown by the person's name. */
  public static final Set<String> USER_VARIABLES = Set.of("implementer", "counterpart", "consultedBy", "consultee");

  /** The suffix of a display variable: {@code budgetLabel} shows {@code budget} (README data dictionary). */
  public static final String SUFFIX = "Label";

  private static final long NAME_TTL_MILLIS = 60_000;

  private final IdentityService identityService;
  private final FormOptions forms;
  private final Set<String> displayed;
  private final Map<String, Cached> groupNames = new ConcurrentHashMap<>();

  private record Cached(String name, long at) {}

  @Autowired
  public Labels(@Lazy IdentityService identityService) {
    this(identityService, load("classpath*:forms/**/*.form"));
  }

  Labels(IdentityService identityService, FormOptions forms) {
    this.identityService = identityService;
    this.forms = forms;
    // what the forms ask for; tierLabel is set with tier by its delegate (Tier.label())
    Set<String> all = new java.util.TreeSet<>(forms.displayed());
    all.remove("tier");
    this.displayed = java.util.Collections.unmodifiableSet(all);
  }

  /** Reads every form on the class path (the ones the platform deploys). */
  public static FormOptions load(String pattern) {
    ObjectMapper json = new ObjectMapper();
    FormOptions options = new FormOptions();
    try {
      Resource[] resources = new PathMatchingResourcePatternResolver().getResources(pattern);
      Arrays.sort(resources, Comparator.comparing(Resource::getDescription));
      for (Resource resource : resources) {
        try (InputStream in = resource.getInputStream()) {
          options.add(resource.getFilename(), json.readTree(in));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return options;
  }

  public FormOptions forms() {
    return forms;
  }

  /** What a person reads for this variable's value; never null. */
  public String value(String variable, Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Boolean yes) {
      return yes ? "是" : "否";
    }
    if (GROUP_VARIABLES.contains(variable)) {
      return group(value.toString());
    }
    if (USER_VARIABLES.contains(variable)) {
      return userWithTitle(value.toString());
    }
    if (forms.amounts().contains(variable) || PLATFORM_AMOUNTS.contains(variable)) {
      return Amounts.format(value);
    }
    String option = forms.label(variable, value.toString());
    if (option != null) {
      return option;
    }
    String text = value.toString();
    return DATE_TIME.matcher(text).matches() ? dateTime(text) : text;
  }

  private static final java.util.regex.Pattern DATE_TIME =
      java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?");
  private static final java.time.ZoneId CHINA = java.time.ZoneId.of("Asia/Shanghai");

  /** A platform deadline or a reported time (ISO, as stored) as a person reads it: 2026年11月25日 10:15 (Beijing time). */
  static String dateTime(String iso) {
    java.time.LocalDateTime local;
    try {
      local = java.time.OffsetDateTime.parse(iso).atZoneSameInstant(CHINA).toLocalDateTime();
    } catch (java.time.format.DateTimeParseException noOffset) {
      local = java.time.LocalDateTime.parse(iso);
    }
    return java.time.format.DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm").format(local);
  }

  /** Variables whose display variable ({@code <name>Label}) some form shows: {@link LabelVariables} keeps them current. */
  public Set<String> displayedVariables() {
    return displayed;
  }

  /** The group's name (医务处); the id itself where no such group exists. */
  public String group(String groupId) {
    if (groupId == null || groupId.isBlank()) {
      return "";
    }
    long now = System.currentTimeMillis();
    Cached cached = groupNames.get(groupId);
    if (cached != null && now - cached.at() < NAME_TTL_MILLIS) {
      return cached.name();
    }
    Group group = asSystem(() -> identityService.createGroupQuery().groupId(groupId).singleResult());
    String name = group == null || group.getName() == null || group.getName().isBlank() ? groupId : group.getName();
    groupNames.put(groupId, new Cached(name, now));
    return name;
  }

  /** The person's name (辛熙); the id itself where no such user exists. */
  public String user(String userId) {
    if (userId == null || userId.isBlank() || userId.equals("null")) {
      return "";
    }
    User user = asSystem(() -> identityService.createUserQuery().userId(userId).singleResult());
    return user == null || user.getFirstName() == null || user.getFirstName().isBlank() ? userId : user.getFirstName();
  }

  /** The person's name with their post, as the approval record prints it: 辛熙（信息处处长）. */
  public String userWithTitle(String userId) {
    if (userId == null || userId.isBlank() || userId.equals("null")) {
      return "";
    }
    User user = asSystem(() -> identityService.createUserQuery().userId(userId).singleResult());
    if (user == null) {
      return userId;
    }
    String title = user.getLastName();
    return user.getFirstName() + (title == null || title.isBlank() ? "" : "（" + title + "）");
  }

  /** Names are directory data every user may read (OrganisationSeeder); read them whatever the caller's authorizations. */
  private <T> T asSystem(Supplier<T> read) {
    var caller = identityService.getCurrentAuthentication();
    if (caller == null) {
      return read.get();
    }
    identityService.clearAuthentication();
    try {
      return read.get();
    } finally {
      identityService.setAuthentication(caller);
    }
  }
}
