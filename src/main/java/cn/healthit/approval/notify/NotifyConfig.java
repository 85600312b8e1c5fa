package cn.healthit.approval.notify;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs {@link TaskMailNotifier#notifyOverdue()} on its schedule. */
@Configuration
@EnableScheduling
public class NotifyConfig {}
