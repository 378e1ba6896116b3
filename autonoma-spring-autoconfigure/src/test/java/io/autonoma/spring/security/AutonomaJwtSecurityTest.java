package io.autonoma.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.pipeline.DefaultPipeline;
import io.autonoma.spring.web.GenerationApiTestAgents;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.web.servlet.MockMvc;

/** The API as an OAuth2 resource server: a JWT's subject owns the runs it starts; a bad or missing token is 401. */
@SpringBootTest(classes = AutonomaJwtSecurityTest.TestApp.class, properties = {"autonoma.api.enabled=true", "autonoma.store.type=memory"})
@AutoConfigureMockMvc
class AutonomaJwtSecurityTest {
    static final KeyPair KEYS = rsa();
    static final KeyPair OTHER_KEYS = rsa();

    @Autowired
    MockMvc mvc;

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwt(String subject, KeyPair keys) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().subject(subject)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        return jwt.serialize();
    }

    @Test
    void the_subject_owns_its_runs_and_a_token_signed_by_another_key_is_401() throws Exception {
        String body = mvc.perform(post("/api/generations").header("Authorization", "Bearer " + jwt("carol", KEYS))
                .contentType(MediaType.APPLICATION_JSON).content("{\"prompt\": \"a todo app with tasks\"}"))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        String id = new ObjectMapper().readTree(body).get("id").asText();

        mvc.perform(get("/api/generations/" + id).header("Authorization", "Bearer " + jwt("carol", KEYS))).andExpect(status().isOk());
        mvc.perform(get("/api/generations/" + id).header("Authorization", "Bearer " + jwt("dave", KEYS))).andExpect(status().isNotFound());
        mvc.perform(get("/api/generations").header("Authorization", "Bearer " + jwt("carol", OTHER_KEYS))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/generations")).andExpect(status().isUnauthorized());
        assertThat(id).isNotBlank();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApp {
        @Bean
        JwtDecoder jwtDecoder() {
            return NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
        }

        @Bean(destroyMethod = "close")
        DefaultPipeline pipeline(ArtifactStore store) {
            return DefaultPipeline.builder().store(store).maxAttempts(1).agentTimeout(Duration.ofSeconds(30))
                    .agent(GenerationApiTestAgents.file("analyst", Set.of(), "app-spec.json", "{\"name\": \"Todo\"}\n"))
                    .build();
        }
    }
}
