package cn.healthit.approval.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the page query recognises and what it leaves to Camunda, and the SQL it writes. That its answer equals
 * Camunda's is {@link TaskPageTest}'s, on a running engine.
 */
class TaskPageQueryTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void recognisesTheSeededFilters() {
    assertThat(TaskPageQuery.shape(json("{'candidateGroupsExpression':'${currentUserGroups()}','unassigned':true}")))
        .contains(new TaskPageQuery.FilterShape(true, true, false, false, List.of()));
    assertThat(TaskPageQuery.shape(json("{'assigneeExpression':'${currentUser()}'}")))
        .contains(new TaskPageQuery.FilterShape(false, false, true, false, List.of()));
    assertThat(TaskPageQuery.shape(json("{'dueBeforeExpression':'${now()}','processVariables':[],'orQueries':[]}")))
        .contains(new TaskPageQuery.FilterShape(false, false, false, true, List.of()));
    assertThat(TaskPageQuery.shape(json("{'processDefinitionKeyIn':['zhuhai-approval','tianjin-project']}")))
        .contains(new TaskPageQuery.FilterShape(false, false, false, false, List.of("zhuhai-approval", "tianjin-project")));
    assertThat(TaskPageQuery.shape(json("{}"))).contains(new TaskPageQuery.FilterShape(false, false, false, false, List.of()));
  }

  @Test
  void leavesEveryOtherFilterToCamunda() {
    for (String query : List.of("{'candidateGroupsExpression':'${deptIt}'}", "{'assigneeExpression':'${wang}'}",
        "{'assignee':'wang'}", "{'dueBeforeExpression':'${dateTime().plusDays(3)}'}", "{'unassigned':'true'}",
        "{'processDefinitionKeyIn':[]}", "{'processDefinitionKeyIn':[1]}", "{'processDefinitionKeyIn':'zhuhai-approval'}",
        "{'processVariables':[{'name':'projectNumber','operator':'eq','value':'TJ-1'}]}",
        "{'orQueries':[{'nameLike':'%需求%'}]}", "{'tenantIdIn':['h1']}", "[]")) {
      assertThat(TaskPageQuery.shape(json(query))).as(query).isEmpty();
    }
    assertThat(TaskPageQuery.shape(null)).isEmpty();
  }

  @Test
  void readsTasklistsBrowsingRequests() {
    assertThat(TaskPageQuery.request(null)).contains(new TaskPageQuery.PageRequest(List.of(), false));
    assertThat(TaskPageQuery.request(json("{'processVariables':[],'taskVariables':[],'caseInstanceVariables':[],"
        + "'firstResult':0,'maxResults':15,'sorting':[{'sortBy':'dueDate','sortOrder':'asc'},"
        + "{'sortBy':'created','sortOrder':'desc'}],'active':true}")))
        .contains(new TaskPageQuery.PageRequest(List.of(new TaskPageQuery.Order("RES.DUE_DATE_", true),
            new TaskPageQuery.Order("RES.CREATE_TIME_", false)), true));
    assertThat(TaskPageQuery.request(json("{'active':false,'variableNamesIgnoreCase':true}")))
        .contains(new TaskPageQuery.PageRequest(List.of(), false));
  }

  @Test
  void leavesSearchesAndUnknownOrdersToCamunda() {
    for (String body : List.of("{'processVariables':[{'name':'projectName','operator':'like','value':'%影像%'}]}",
        "{'taskVariables':[{'name':'x','operator':'eq','value':1}]}", "{'orQueries':[{'processVariables':[]}]}",
        "{'nameLike':'%审%'}", "{'sorting':[{'sortBy':'processVariable','sortOrder':'asc','parameters':{}}]}",
        "{'sorting':[{'sortBy':'created','sortOrder':'up'}]}", "{'sorting':[{'sortBy':'created'}]}",
        "{'sorting':{'sortBy':'created','sortOrder':'asc'}}", "{'active':'true'}", "{'firstResult':'0'}", "[]")) {
      assertThat(TaskPageQuery.request(json(body))).as(body).isEmpty();
    }
  }

  private static final TaskPageQuery.FilterShape MY_GROUPS = new TaskPageQuery.FilterShape(true, true, false, false, List.of());
  private static final TaskPageQuery.PageRequest NEWEST_FIRST = new TaskPageQuery.PageRequest(
      List.of(new TaskPageQuery.Order("RES.CREATE_TIME_", false)), true);

  @Test
  void testsTheCallersGrantsAsCamundaDoesAndBreaksTiesById() {
    TaskPageQuery.Sql sql = TaskPageQuery.sql(MY_GROUPS, NEWEST_FIRST,
        new TaskPageQuery.Caller("wang", List.of("g1", "g2"), true, true), new Date(0), "", true);
    String caller = "A.TYPE_ IN (0, 1) AND (A.USER_ID_ IN (#{userId}, '*') OR A.GROUP_ID_ IN (#{group0}, #{group1}))";
    String read = "A.RESOURCE_TYPE_ = 7 AND (A.PERMS_ & 2) = 2";
    String readTask = "A.RESOURCE_TYPE_ = 6 AND (A.PERMS_ & 64) = 64";
    assertThat(sql.page()).startsWith("SELECT RES.* FROM ACT_RU_TASK RES LEFT JOIN ACT_RE_PROCDEF D ON RES.PROC_DEF_ID_ = D.ID_")
        // a grant on '*', on the process key (READ_TASK, and READ as Camunda lets it pass) or on the task itself
        .contains("RES.CASE_EXECUTION_ID_ IS NOT NULL OR EXISTS (SELECT 1 FROM ACT_RU_AUTHORIZATION A WHERE A.RESOURCE_ID_ = '*' AND "
            + caller + " AND (" + read + " OR " + readTask + "))")
        .contains("OR D.KEY_ IN (SELECT A.RESOURCE_ID_ FROM ACT_RU_AUTHORIZATION A WHERE " + caller + " AND " + readTask + ")")
        .contains("OR EXISTS (SELECT 1 FROM ACT_RU_AUTHORIZATION A WHERE A.RESOURCE_ID_ = D.KEY_ AND " + caller + " AND " + read + ")")
        .contains("OR EXISTS (SELECT 1 FROM ACT_RU_AUTHORIZATION A WHERE A.RESOURCE_ID_ = RES.ID_ AND " + caller + " AND ("
            + read + " OR " + readTask + ")))")
        .contains("I.TYPE_ = 'candidate' AND I.GROUP_ID_ IN (#{group0}, #{group1})")
        .contains("RES.ASSIGNEE_ IS NULL").contains("RES.SUSPENSION_STATE_ = 1").contains("RES.TENANT_ID_ IS NULL")
        .doesNotContain("DISTINCT").endsWith(" ORDER BY RES.CREATE_TIME_ DESC, RES.ID_ ASC");
    assertThat(sql.count()).startsWith("SELECT COUNT(*) FROM ACT_RU_TASK RES").doesNotContain("ORDER BY");
    assertThat(sql.parameters()).containsEntry("userId", "wang").containsEntry("group0", "g1").containsEntry("group1", "g2")
        .doesNotContainKey("now");
  }

  @Test
  void writesEachDatabasesBitTestAndTablePrefix() {
    TaskPageQuery.Sql h2 = TaskPageQuery.sql(MY_GROUPS, NEWEST_FIRST,
        new TaskPageQuery.Caller("wang", List.of("g1"), true, false), new Date(0), "CAM.", false);
    assertThat(h2.page()).contains("BITAND(A.PERMS_, 2) = 2").contains("BITAND(A.PERMS_, 64) = 64")
        .contains("FROM CAM.ACT_RU_TASK RES LEFT JOIN CAM.ACT_RE_PROCDEF D").contains("CAM.ACT_RU_IDENTITYLINK")
        .contains("CAM.ACT_RU_AUTHORIZATION").doesNotContain("&").doesNotContain("TENANT_ID_");
  }

  @Test
  void anAdministratorsPageHasNoGrantTest() {
    TaskPageQuery.Sql sql = TaskPageQuery.sql(new TaskPageQuery.FilterShape(false, false, true, true, List.of("k")),
        new TaskPageQuery.PageRequest(List.of(new TaskPageQuery.Order("RES.ID_", false)), false),
        new TaskPageQuery.Caller("admin", List.of(), false, false), new Date(42), "", true);
    assertThat(sql.page()).doesNotContain("AUTHORIZATION").doesNotContain("IDENTITYLINK")
        .doesNotContain("SUSPENSION_STATE_").contains("RES.ASSIGNEE_ = #{userId}").contains("RES.DUE_DATE_ < #{now}")
        .contains("D.KEY_ IN (#{key0})").endsWith(" ORDER BY RES.ID_ DESC");
    assertThat(sql.parameters()).containsEntry("now", new Date(42)).containsEntry("key0", "k");
  }

  @Test
  void refusesCandidateGroupsOfACallerWithoutGroups() {
    assertThatThrownBy(() -> TaskPageQuery.sql(MY_GROUPS, NEWEST_FIRST,
        new TaskPageQuery.Caller("wang", List.of(), true, true), new Date(0), "", true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
