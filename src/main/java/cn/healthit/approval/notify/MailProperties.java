package cn.healthit.approval.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code platform.mail.*}: e-mail to reviewers about new and overdue tasks. Off by default; the SMTP
 * server itself is Spring's {@code spring.mail.host/port/username/password}.
 *
 * @param enabled           send at all (default false)
 * @param from              the sender address, e.g. {@code 审批平台 <approval@hospital.cn>}
 * @param baseUrl           how reviewers reach the platform, for the link to the task in Tasklist
 * @param overdueScan       whether this node looks for overdue tasks; in a cluster switch it on for one node
 * @param overdueInterval   how often it looks (default 15 minutes)
 */
@ConfigurationProperties("platform.mail")
public record MailProperties(boolean enabled, String from, String baseUrl, Boolean overdueScan, Duration overdueInterval) {

  public MailProperties {
    from = from == null || from.isBlank() ? "审批平台 <noreply@localhost>" : from;
    baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://localhost:8080" : baseUrl.replaceAll("/+$", "");
    overdueScan = overdueScan == null || overdueScan;
    overdueInterval = overdueInterval == null ? Duration.ofMinutes(15) : overdueInterval;
  }
}
