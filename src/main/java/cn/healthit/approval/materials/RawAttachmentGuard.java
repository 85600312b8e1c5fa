package cn.healthit.approval.materials;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Materials enter only through {@code POST /api/tasks/{id}/materials}, where their size and type are
 * checked, and are never deleted: they are part of the project's record. Camunda's own attachment
 * endpoints for creating and deleting (in /engine-rest and in the webapps' engine API) would bypass
 * both, so they answer 403 with a pointer to the right place. Reading attachments stays open.
 */
@Configuration
public class RawAttachmentGuard {

  private static final Pattern CREATE = Pattern.compile(".*/task/[^/]+/attachment/create/?");
  private static final Pattern ONE = Pattern.compile(".*/task/[^/]+/attachment/[^/]+/?");

  @Bean
  public FilterRegistrationBean<OncePerRequestFilter> rawAttachmentGuardFilter() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        String path = request.getRequestURI();
        boolean create = "POST".equals(request.getMethod()) && CREATE.matcher(path).matches();
        boolean delete = "DELETE".equals(request.getMethod()) && ONE.matcher(path).matches();
        if (create || delete) {
          response.setStatus(403);
          response.setContentType("application/json;charset=UTF-8");
          response.getWriter().write("{\"status\":403,\"message\":\"" + (create
              ? "材料请通过 POST /api/tasks/{taskId}/materials 或 Tasklist 的「材料」标签上传，以便检查类型和大小"
              : "材料是项目审批记录的一部分，不能删除") + "\",\"type\":\"Forbidden\"}");
          return;
        }
        chain.doFilter(request, response);
      }
    });
    registration.setName("raw attachment guard");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(5);
    return registration;
  }
}
