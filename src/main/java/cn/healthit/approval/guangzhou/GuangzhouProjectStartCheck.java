package cn.healthit.approval.guangzhou;

import cn.healthit.approval.input.Inputs;
import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.money.Money;
import cn.healthit.approval.organisation.RequestingDepartments;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** The start of {@code guangzhou-project}: the variables CONTRACT.md names, checked on the server. */
@Component("guangzhouProjectStartCheck")
public class GuangzhouProjectStartCheck implements ExecutionListener {

  private final IdentityService identityService;
  private final RequestingDepartments requestingDepartments;

  public GuangzhouProjectStartCheck(@Lazy IdentityService identityService, RequestingDepartments requestingDepartments) {
    this.identityService = identityService;
    this.requestingDepartments = requestingDepartments;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String name = Inputs.requireText("projectName", "项目名称", execution.getVariable("projectName"));
    if (name.length() > 200) {
      throw new InvalidInputException("projectName", "项目名称（projectName）不能超过 200 个字符");
    }
    String investment = Money.format(Money.parse("investment", "项目投资金额", execution.getVariable("investment")));
    // the starter's own unit when left empty (organisation/guangzhou.json)
    String unit = requestingDepartments.check(execution, "guangzhou-project");
    if (identityService.createGroupQuery().groupId(unit).count() == 0) {
      throw new InvalidInputException("constructionUnit", "项目建设单位（constructionUnit）不是已登记的组织：" + unit);
    }
    boolean important = Inputs.requireBoolean("important", "是否重要项目", execution.getVariable("important"));
    execution.setVariable("projectName", name);
    execution.setVariable("investment", investment);
    execution.setVariable("constructionUnit", unit);
    execution.setVariable("important", important);
    execution.setVariable("changeType", ChangeType.NONE.name());
  }
}
