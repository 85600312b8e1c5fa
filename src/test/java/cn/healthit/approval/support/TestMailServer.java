package cn.healthit.approval.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * An in-process SMTP server (GreenMail, on a free port) for the test context; the test profile
 * switches notification on, so every task the tests create is mailed here.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestMailServer {

  @Bean(destroyMethod = "stop")
  public GreenMail greenMail() {
    GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    server.start();
    return server;
  }

  @Bean
  @Primary
  public JavaMailSender testMailSender(GreenMail greenMail) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(greenMail.getSmtp().getPort());
    sender.setDefaultEncoding("UTF-8");
    return sender;
  }
}
