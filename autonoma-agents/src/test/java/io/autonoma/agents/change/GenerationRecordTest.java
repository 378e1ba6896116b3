package io.autonoma.agents.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationRecordTest {

    private static final AppSpec SPEC = AppSpec.builder("Notes")
            .entity(new Entity("Note", List.of(Field.builder("title", FieldType.STRING).build()))).build();

    @Test
    void a_written_record_reads_back_equal(@TempDir Path app) {
        GenerationRecord record = new GenerationRecord(SPEC, Map.of("backend/app/main.py", "print('hi')\n", "README.md", "# Notes\n"), "def upgrade() -> None:\n    pass\n");

        record.write(app);

        assertThat(GenerationRecord.read(app)).isEqualTo(record);
        assertThat(app.resolve(GenerationRecord.PATH)).isRegularFile();
    }

    @Test
    void an_app_without_a_record_or_with_a_newer_format_is_refused_with_what_to_do(@TempDir Path app) throws Exception {
        assertThatThrownBy(() -> GenerationRecord.read(app)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no .autonoma/generation.json").hasMessageContaining("--force");

        Files.createDirectories(app.resolve(".autonoma"));
        Files.writeString(app.resolve(GenerationRecord.PATH), "{\"format\": 2, \"files\": {}}");

        assertThatThrownBy(() -> GenerationRecord.read(app)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has format 2; this release reads format 1");
    }
}
