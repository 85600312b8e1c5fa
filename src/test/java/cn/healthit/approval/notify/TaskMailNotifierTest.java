package cn.healthit.approval.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** New and overdue tasks are mailed to the people who may work them, through an in-process SMTP server. */
@PlatformTest
class TaskMailNotifierTest {

  @Autowired ProcessEngine engine;
  @Autowired GreenMail smtp;
  @Autowired TaskMailNotifier notifier;
  @Autowired cn.healthit.approval.labels.Labels labels;
  Processes processes;

  @BeforeEach
  void init() {
    processes = Processes.init(engine);
  }

  private ProcessInstance zhuhai() {
    return processes.start("zhuhai-project", Processes.uniqueKey("ZH-MAIL"),
        Map.of("projectName", "邮件通知测试", "unitName", "香洲区人民医院", "amount", "1000.00"));
  }

  /** Waits until the mails matching the filter stop growing in number (mail is sent after commit, on its own thread). */
  private List<MimeMessage> mails(Predicate<MimeMessage> filter, int atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<MimeMessage> found = List.of();
    while (System.nanoTime() < deadline) {
      found = Arrays.stream(smtp.getReceivedMessages()).filter(filter).toList();
      if (found.size() >= atLeast) {
        Thread.sleep(300);
        return Arrays.stream(smtp.getReceivedMessages()).filter(filter).toList();
      }
      Thread.sleep(50);
    }
    return found;
  }

  private static Predicate<MimeMessage> about(String businessKey, String mark) {
    return m -> {
      try {
        return m.getSubject().contains(businessKey) && m.getSubject().startsWith(mark);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  private static Set<String> to(MimeMessage message) throws jakarta.mail.MessagingException {
    return Set.copyOf(Arrays.stream(message.getRecipients(Message.RecipientType.TO))
        .map(a -> ((InternetAddress) a).getAddress()).toList());
  }

  @Test
  void aNewTaskIsMailedToTheMembersOfItsCandidateGroupWithALinkToTasklist() throws Exception {
    ProcessInstance p = zhuhai();
    Task declare = processes.task(p, "Task_Declare");
    List<MimeMessage> received = mails(about(p.getBusinessKey(), "【待办】"), 1);
    assertThat(received).hasSize(1);
    MimeMessage mail = received.get(0);
    assertThat(mail.getSubject()).isEqualTo("【待办】填报项目申报材料 — 珠海市卫生信息化建设项目审批（" + p.getBusinessKey() + "）");
    assertThat(to(mail)).contains("zh-unit@example.invalid").doesNotContain("zh-office@example.invalid");
    assertThat(GreenMailUtil.getBody(mail)).isNotBlank();
    assertThat(mail.getContent().toString()).as("names and formatted amounts, never ids").contains("您有一项新的审批任务",
        "业务编号：" + p.getBusinessKey(), "项目名称：邮件通知测试", "项目金额：1,000.00 元", "办理部门：珠海建设单位（各区/各单位）",
        "http://approval.test/camunda/app/tasklist/default/#/?task=" + declare.getId());

    processes.complete(declare, "zh-unit", Map.of("standards", "WS 363", "selfDefinedCode", false, "networkPlan", "专网",
        "securityLevel", "LEVEL_3", "softwareScope", "接口"));
    // under 10万 the district files it (004 §8)
    List<MimeMessage> next = mails(about(p.getBusinessKey(), "【待办】区/单位统筹管理并备案"), 1);
    assertThat(next).hasSize(1);
    assertThat(to(next.get(0))).containsExactly("zh-district@example.invalid");
  }

  @Test
  void anOverdueTaskIsMailedOnceToItsAssignee() throws Exception {
    ProcessInstance p = zhuhai();
    Task declare = processes.task(p, "Task_Declare");
    engine.getTaskService().claim(declare.getId(), "zh-unit");
    engine.getTaskService().setDueDate(declare.getId(), new Date(System.currentTimeMillis() - 60_000));

    assertThat(notifier.notifyOverdue()).isGreaterThanOrEqualTo(1);
    List<MimeMessage> overdue = mails(about(p.getBusinessKey(), "【已逾期】"), 1);
    assertThat(overdue).hasSize(1);
    assertThat(to(overdue.get(0))).containsExactly("zh-unit@example.invalid");
    assertThat(overdue.get(0).getContent().toString()).contains("已超过办理期限", "办理期限：");
    assertThat(engine.getTaskService().getVariableLocal(declare.getId(), TaskMailNotifier.OVERDUE_NOTIFIED)).isNotNull();

    notifier.notifyOverdue();
    assertThat(mails(about(p.getBusinessKey(), "【已逾期】"), 2)).as("sent once only").hasSize(1);
  }

  @Test
  void switchedOffNothingIsSentAndAnUnreachableServerHoldsNothingUp() {
    MailProperties off = new MailProperties(false, null, null, null, null);
    TaskMailNotifier disabled = new TaskMailNotifier(off, provider(null), engine.getIdentityService(), engine.getTaskService(),
        engine.getRuntimeService(), engine.getRepositoryService(), labels);
    assertThat(disabled.notifyOverdue()).isZero();

    JavaMailSenderImpl nowhere = new JavaMailSenderImpl();
    nowhere.setHost("127.0.0.1");
    nowhere.setPort(1);
    MailProperties on = new MailProperties(true, null, null, null, null);
    TaskMailNotifier unreachable = new TaskMailNotifier(on, provider(nowhere), engine.getIdentityService(),
        engine.getTaskService(), engine.getRuntimeService(), engine.getRepositoryService(), labels);
    assertThatCode(() -> unreachable.send(new TaskMailNotifier.Notice("t", "任务", "流程", "K", null, "zh-unit", Set.of(), Set.of(), java.util.List.of()),
        false)).doesNotThrowAnyException();
    disabled.destroy();
    unreachable.destroy();
  }

  private static ObjectProvider<JavaMailSender> provider(JavaMailSender sender) {
    return new ObjectProvider<>() {
      @Override
      public JavaMailSender getObject(Object... args) {
        return sender;
      }

      @Override
      public JavaMailSender getIfAvailable() {
        return sender;
      }

      @Override
      public JavaMailSender getIfUnique() {
        return sender;
      }

      @Override
      public JavaMailSender getObject() {
        return sender;
      }
    };
  }
}
