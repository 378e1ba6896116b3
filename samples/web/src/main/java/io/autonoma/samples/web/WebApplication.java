package io.autonoma.samples.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The web sample: everything comes from autonoma-spring-starter (pipeline, store, REST + SSE API);
 * this module adds only the static page in {@code src/main/resources/static}.
 *
 * <pre>java -jar samples/web/target/autonoma-web.jar --server.port=8080 --server.address=127.0.0.1</pre>
 */
@SpringBootApplication
public class WebApplication {
    public static void main(String[] args) {
        SpringApplication.run(WebApplication.class, args);
    }
}
