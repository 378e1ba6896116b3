package io.autonoma.spring.preview;

import io.autonoma.agents.preview.DependencyCache;
import io.autonoma.core.pipeline.Pipeline;
import io.autonoma.spring.AutonomaAutoConfiguration;
import io.autonoma.spring.AutonomaProperties;
import io.autonoma.spring.generation.Generations;
import io.autonoma.spring.web.AutonomaWebAutoConfiguration;
import io.autonoma.spring.web.PreviewController;
import java.nio.file.Path;
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
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Live previews under {@code /api/generations/{id}/preview} (see {@link PreviewController}), with the REST API
 * ({@code autonoma.api.enabled=true}). With {@code autonoma.preview.enabled=true}: a {@link PreviewService} (closed on
 * shutdown: every preview process is killed) exporting projects into {@code <autonoma.output-root>/.previews} (a name no project id can have, so no project of the store is touched), prepared
 * by the {@link Preparer} bean (default {@link DependencyPreparer} on the {@code autonoma.preview.cache-dir}
 * {@link DependencyCache}). Without it the endpoints answer 404 saying how to turn previews on.
 */
@AutoConfiguration(after = {AutonomaAutoConfiguration.class, AutonomaWebAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBooleanProperty(name = "autonoma.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "autonoma.api.enabled")
@ConditionalOnBean(Generations.class)
public class AutonomaPreviewAutoConfiguration {

    /** Previews on: the service, its preparation, the endpoints. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "autonoma.preview.enabled")
    static class Enabled {

        @Bean
        @ConditionalOnMissingBean
        Preparer autonomaPreviewPreparer(AutonomaProperties properties) {
            AutonomaProperties.Preview p = properties.getPreview();
            DependencyCache cache = DependencyCache.builder().directory(p.resolvedCacheDir()).python(p.getPython()).npm(p.getNpm()).build();
            return new DependencyPreparer(cache, Path.of(p.getNode()));
        }

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        PreviewService autonomaPreviewService(Generations generations, AutonomaProperties properties, Preparer preparer) {
            AutonomaProperties.Preview p = properties.getPreview();
            Pipeline pipeline = generations.pipeline();
            return new PreviewService(pipeline.store(), properties.resolvedOutputRoot().resolve(".previews"), preparer,
                    p.getMaxRunning(), p.getIdleTimeout());
        }

        @Bean
        @ConditionalOnMissingBean
        PreviewController autonomaPreviewController(Generations generations, PreviewService previews, AutonomaProperties properties) {
            return new PreviewController(generations, previews, properties.getApi().getSseTimeout(), sseExecutor());
        }
    }

    /** Previews off: the endpoints answer 404 saying how to turn them on. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "autonoma.preview.enabled", havingValue = false, matchIfMissing = true)
    static class Disabled {

        @Bean
        @ConditionalOnMissingBean
        PreviewController autonomaPreviewController(Generations generations, AutonomaProperties properties) {
            return new PreviewController(generations, null, properties.getApi().getSseTimeout(), sseExecutor());
        }
    }

    private static ExecutorService sseExecutor() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "autonoma-preview-sse-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
