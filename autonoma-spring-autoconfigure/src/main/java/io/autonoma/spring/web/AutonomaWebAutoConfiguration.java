package io.autonoma.spring.web;

import io.autonoma.spring.AutonomaAutoConfiguration;
import io.autonoma.spring.AutonomaProperties;
import io.autonoma.spring.generation.Generations;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The REST + SSE API under {@code /api/generations}: only in a servlet web application with
 * Spring MVC, when {@code autonoma.api.enabled=true} and a {@link Generations} bean exists.
 */
@AutoConfiguration(after = AutonomaAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBooleanProperty(name = "autonoma.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "autonoma.api.enabled")
@ConditionalOnBean(Generations.class)
public class AutonomaWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public GenerationController autonomaGenerationController(Generations generations, AutonomaProperties properties) {
        AutonomaProperties.Api api = properties.getApi();
        return new GenerationController(generations, api.getMaxRequestBytes(), api.getSseTimeout(), sseExecutor(),
                java.util.Set.copyOf(api.getGitRemoteSchemes().stream().map(x -> x.toLowerCase(java.util.Locale.ROOT)).toList()));
    }

    /** {@code POST /api/plans}: the spec a prompt gives, to read and correct before generating. */
    @Bean
    @ConditionalOnMissingBean
    public PlanController autonomaPlanController(Generations generations, AutonomaProperties properties) {
        return new PlanController(generations.autonoma(), properties.getApi().getMaxRequestBytes());
    }

    /** Refuses to serve the API unsecured on an address that is not loopback (see {@link UnsecuredBindGuard}). */
    @Bean
    public static org.springframework.context.ApplicationListener<?> autonomaUnsecuredBindGuard(
            org.springframework.core.env.Environment environment, org.springframework.beans.factory.ListableBeanFactory beans) {
        return new UnsecuredBindGuard(environment, beans,
                environment.getProperty("autonoma.security.allow-unsecured", Boolean.class, false));
    }

    /** The API's errors as problem details (only for {@link GenerationController}). */
    @Bean
    @ConditionalOnMissingBean
    public GenerationApiExceptionHandler autonomaGenerationApiExceptionHandler() {
        return new GenerationApiExceptionHandler();
    }

    private static ExecutorService sseExecutor() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "autonoma-sse-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
