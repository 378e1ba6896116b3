package io.autonoma.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretScannerTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "aws_key = 'AKIAIOSFODNN7EXAMPL3'",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIE...",
        "token: ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
        "OPENAI = \"sk-proj-abcdefghijklmnopqrstuvwx12\"",
        "SECRET_KEY = \"s3cr3t-Value-9f8e7d6c\"",
        "const apiKey = 'Zx81Kq0PlmN77ab';",
        "  password: \"hunter2hunter2!\"",
        "DB_PASSWORD := \"pa55w0rd-prod-42\""})
    void finds_credentials(String text) {
        assertThat(SecretScanner.scan("f", text)).isNotEmpty().allSatisfy(f -> assertThat(f.toString()).doesNotContain("hunter2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SECRET_KEY = os.environ[\"SECRET_KEY\"]",
        "secret_key: str = Field(default_factory=lambda: secrets.token_urlsafe(32))",
        "POSTGRES_PASSWORD=${POSTGRES_PASSWORD}",
        "password: \"change-me-in-production\"",
        "SECRET_KEY=\"<your-secret-key>\"",
        "password = \"{{ password }}\"",
        "api_key: \"example-api-key-value\"",
        "password_hash = hash_password(password)",
        "password: str = \"\"",
        "password = 'aaaaaaaaaaaa'"})
    void ignores_placeholders_and_environment_lookups(String text) {
        assertThat(SecretScanner.scan("f", text)).isEmpty();
    }

    @Test
    void reports_the_line_number() {
        assertThat(SecretScanner.scan("app/config.py", "a = 1\nb = 2\nSECRET = 'Qw8!zR4#pL0x'\n"))
                .singleElement().satisfies(f -> {
                    assertThat(f.line()).isEqualTo(3);
                    assertThat(f.path()).isEqualTo("app/config.py");
                });
    }
}
