package cn.healthit.approval.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import cn.healthit.approval.support.Rest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.dto.task.TaskQueryDto;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * /engine-rest keeps one configured ObjectMapper instead of a new one per lookup (issue 18: a fresh mapper
 * re-introspected TaskQueryDto and the HAL classes on every Tasklist request), and it still writes and reads
 * exactly what Camunda's own configuration does.
 */
@PlatformTest
class SharedObjectMapperTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  @Test
  void oneMapperConfiguredLikeCamundas() throws Exception {
    var configurator = new EngineRestConfig.SharedJacksonConfigurator();
    ObjectMapper mapper = configurator.getContext(TaskQueryDto.class);
    assertThat(configurator.getContext(Object.class)).isSameAs(mapper);
    assertThat(new EngineRestConfig.SharedJacksonConfigurator().getContext(Map.class)).isSameAs(mapper);
    ObjectMapper camundas = JacksonConfigurator.configureObjectMapper(new ObjectMapper());
    Date date = new Date(1_700_000_000_000L);
    assertThat(mapper.writeValueAsString(Map.of("d", date))).isEqualTo(camundas.writeValueAsString(Map.of("d", date)));
    String query = "{\"candidateGroup\":\"g\",\"createdBefore\":\"2026-01-02T03:04:05.000+0800\"}";
    assertThat(mapper.readValue(query, TaskQueryDto.class).getCreatedBefore())
        .isEqualTo(camundas.readValue(query, TaskQueryDto.class).getCreatedBefore());
  }

  @Test
  void tasklistsHalListStillAnswersWithCamundasDates() {
    String key = Processes.uniqueKey("MAPPER");
    engine.getRuntimeService().startProcessInstanceByKey("zhuhai-project", key,
        Map.of("projectName", "映射测试", "unitName", "香洲区人民医院", "amount", "150000.00"));
    Rest unit = Rest.as(port, "zh-unit");
    String filter = unit.filterId("我组的待办");
    for (int i = 0; i < 2; i++) { // the second request uses the mapper the first one configured
      Rest.Response page = unit.post("/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=200",
          Map.of("processVariables", List.of(), "taskVariables", List.of(), "caseInstanceVariables", List.of(),
              "sorting", List.of(Map.of("sortBy", "created", "sortOrder", "desc")), "active", true), "application/hal+json");
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      assertThat(page.json().get("count").asLong()).isPositive();
      List<String> created = page.json().path("_embedded").path("task").findValuesAsText("created");
      assertThat(created).isNotEmpty().allMatch(c -> c.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d{4}"));
      assertThat(page.json().path("_embedded").path("processDefinition").isArray()).isTrue();
    }
  }
}
