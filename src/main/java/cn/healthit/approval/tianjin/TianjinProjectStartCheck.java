package cn.healthit.approval.tianjin;

import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.input.Inputs;
import cn.healthit.approval.money.Money;
import cn.healthit.approval.organisation.RequestingDepartments;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Start of tianjin-project: the filed project is checked on the server and stored canonically (000 §3). */
@Component("tianjinProjectStartCheck")
public class TianjinProjectStartCheck implements ExecutionListener {

  /** 000 §3: 公共基础设施类 or 专用类. */
  public enum Category { PUBLIC_INFRASTRUCTURE, SPECIALIZED }

  private final IdentityService identityService;
  private final RequestingDepartments requestingDepartments;

  public TianjinProjectStartCheck(@Lazy IdentityService identityService, RequestingDepartments requestingDepartments) {
    this.identityService = identityService;
    this.requestingDepartments = requestingDepartments;
  }

  @Override
  public void notify(DelegateExecution execution) {
    execution.setVariable("projectName", Inputs.requireText("projectName", "项目名称", execution.getVariable("projectName")));
    execution.setVariable("budget", Money.format(Money.parse("budget", "项目预算", execution.getVariable("budget"))));
    Category category = Inputs.requireEnum("category", "项目类别", execution.getVariable("category"), Category.class);
    execution.setVariable("category", category.name());
    // the starter's own department when left empty; only the planning office files for another (organisation/tianjin.json)
    String department = requestingDepartments.check(execution, "tianjin-project");
    if (identityService.createGroupQuery().groupId(department).count() == 0) {
      throw new InvalidInputException("requestingDepartment", "需求部门（requestingDepartment）“" + department + "”不是已登记的部门");
    }
    // 000 §3: 医院公共基础设施类项目，信息处作为需求提出方
    if (category == Category.PUBLIC_INFRASTRUCTURE && !SeparationOfDutiesRule.IT_DIVISION.equals(department)) {
      throw new InvalidInputException("requestingDepartment",
          "公共基础设施类项目的需求部门（requestingDepartment）必须是信息处（it-division）（第三条）");
    }
    execution.setVariable("technicallyComplex",
        Inputs.optionalBoolean("technicallyComplex", "技术复杂、专业性较强", execution.getVariable("technicallyComplex"), false));
    Tier designated = Inputs.optionalEnum("designatedTier", "认定等级", execution.getVariable("designatedTier"), Tier.class);
    execution.setVariable("designatedTier", designated == null ? null : designated.name());
    execution.setVariable("governmentFunded",
        Inputs.optionalBoolean("governmentFunded", "政府投资项目", execution.getVariable("governmentFunded"), false));
    execution.setVariable("projectNumber", execution.getProcessBusinessKey());
  }
}
