package io.autonoma.samples.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The service sample: the starter's API for many users on many instances. Everything comes from
 * autonoma-spring-starter; this module only chooses the dependencies (PostgreSQL, db-scheduler, Spring Security)
 * and the settings in {@code application.properties}.
 *
 * <pre>
 * java -jar samples/service/target/autonoma-service.jar --server.port=8081 \
 *   --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/autonoma \
 *   --autonoma.security.api-keys.alice=$ALICE_KEY --autonoma.security.api-keys.bob=$BOB_KEY
 * </pre>
 * Start as many as you like on the same database: they share the job queue.
 */
@SpringBootApplication
public class ServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(ServiceApplication.class, args);
    }
}
