package io.autonoma.agents.backend.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.architecture.DocsPack;
import io.autonoma.agents.deploy.DeployPack;
import io.autonoma.agents.frontend.NextJsPack;
import io.autonoma.agents.testkit.Packs;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.Relation;
import io.autonoma.core.spec.RelationKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The file_upload capability in the packs: a server-made key column, upload and download routes, storage settings,
 * the tests (local disk in the default run, S3 in s3_tests/), a file input and the file on the detail page, deploy
 * volumes. That uploads are checked and served right is proven by running the generated tests/test_files.py,
 * s3_tests (ci/check-files.sh) and the e2e (ci/test-generated.sh); this test pins where they are wired in.
 */
class FileUploadViewTest {

    /** Photos (an image each, owned by who posted them) and plain notes without files. */
    private static AppSpec photos(boolean owned) {
        AppSpec.Builder b = AppSpec.builder("Photos")
                .entity(new Entity("Photo", List.of(Field.builder("title", FieldType.STRING).build(),
                        Field.builder("image", FieldType.STRING).maxLength(500).build())))
                .entity(new Entity("Note", List.of(Field.builder("text", FieldType.STRING).build())))
                .relation(new Relation("Photo", "User", RelationKind.MANY_TO_ONE, "owner", true))
                .capability(new Capability.FileUpload("Photo", "image", "image"));
        if (owned) b.capability(new Capability.Ownership("Photo"));
        return b.build();
    }

    @Test
    void the_key_is_server_made_and_null_until_an_upload() {
        Map<String, String> files = Packs.backend(photos(false));
        assertThat(files.get("backend/app/models/photo.py")).contains("    image: Mapped[str | None] = mapped_column(String(255), nullable=True)");
        String schemas = files.get("backend/app/schemas/photo.py");
        assertThat(schemas.substring(schemas.indexOf("class PhotoCreate"), schemas.indexOf("class PhotoRead")))
                .doesNotContain("image");
        assertThat(schemas).contains("    image: str | None\n");
        assertThat(files.get("backend/tests/resources.py")).doesNotContain("\"image\": ");
    }

    @Test
    void routes_storage_settings_and_tests_exist_only_with_files() {
        Map<String, String> files = Packs.backend(photos(false));
        String router = files.get("backend/app/routers/files.py");
        assertThat(router).contains("@router.post(\n    \"/api/v1/photos/{photo_id}/image\",",
                "@router.get(\n    \"/api/v1/photos/{photo_id}/image\",", "await files.receive(upload, images_only=True)",
                "key = new_key(\"photos\", photo_id, extension)", "await files.discard(replaced)").doesNotContain("ensure_owner");
        assertThat(files.get("backend/app/routers/photo.py")).contains("    files: FilesDep,", "    stored_image = obj.image",
                "    await files.discard(stored_image)");
        assertThat(files.get("backend/app/routers/note.py")).doesNotContain("FilesDep", "discard");
        assertThat(files.get("backend/app/main.py")).contains("app.state.files = Files(create_storage(settings), settings.max_upload_bytes)",
                "app.include_router(files.router)");
        assertThat(files.get("backend/app/config.py")).contains("file_storage: Literal[\"local\", \"s3\"] = \"local\"",
                "max_upload_bytes: int", "s3_endpoint_url: str | None = None");
        assertThat(files.get("backend/requirements.txt")).contains("python-multipart==", "boto3==");
        assertThat(files.get("backend/pyproject.toml")).contains("\"s3: ", "\"s3_tests/**\"");
        assertThat(files.get("backend/tests/test_files.py")).contains("async def test_photo_image_upload_and_download(",
                "async def test_photo_image_refuses_what_is_not_an_image(", "async def test_photo_image_over_the_limit_is_refused(",
                "async def test_photo_image_replaced_and_deleted_with_its_record(")
                .doesNotContain("only_for_who_may_read_the_record", "keeps_other_files_as_downloads");
        assertThat(files.get("backend/s3_tests/test_s3_files.py")).contains("pytestmark = pytest.mark.s3",
                "async def test_photo_image_in_the_bucket(").doesNotContain("pytest.skip", "skipif");
        assertThat(files.get("backend/tests/conftest.py")).contains("overrides.setdefault(\"file_dir\"");

        Map<String, String> none = Packs.backend(AppSpec.builder("Notes")
                .entity(new Entity("Note", List.of(Field.builder("text", FieldType.STRING).build()))).build());
        assertThat(none).doesNotContainKeys("backend/app/files.py", "backend/app/routers/files.py", "backend/tests/test_files.py",
                "backend/s3_tests/test_s3_files.py");
        assertThat(none.get("backend/requirements.txt")).doesNotContain("multipart", "boto3");
        assertThat(none.get("backend/app/config.py")).doesNotContain("file_storage", "max_upload_bytes");
        assertThat(none.get("backend/tests/conftest.py")).doesNotContain("file_dir");
    }

    @Test
    void an_owned_record_keeps_its_file_from_other_users() {
        Map<String, String> files = Packs.backend(photos(true));
        assertThat(files.get("backend/app/routers/files.py")).contains("ensure_owner(user, obj.owner_id, \"Photo\", photo_id)");
        assertThat(files.get("backend/tests/test_files.py")).contains("async def test_photo_image_only_for_who_may_read_the_record(");
    }

    @Test
    void the_form_uploads_and_the_detail_page_shows_the_file() {
        Map<String, String> front = Packs.render(photos(false), new NextJsPack(), new DocsPack(), new DeployPack());
        assertThat(front.get("frontend/src/entities/photo.ts")).contains(
                "{ field: \"image\", label: \"Image\", path: \"/api/v1/photos\", segment: \"image\", image: true },")
                .doesNotContain("{ name: \"image\"");
        assertThat(front.get("frontend/src/entities/note.ts")).doesNotContain("files:");
        assertThat(front.get("frontend/src/app/photos/[id]/page.tsx")).contains("<StoredFiles config={photoConfig} id={id} />");
        assertThat(front.get("frontend/src/app/notes/[id]/page.tsx")).doesNotContain("StoredFiles");
        assertThat(front.get("frontend/src/components/entity-form.tsx")).contains("await uploadFile(meta, saved.id, file)");
        assertThat(front.get("frontend/src/components/stored-files.tsx")).contains("unoptimized");
        assertThat(front.get("frontend/src/lib/http.ts")).contains("export async function requestRaw(");
        assertThat(front.get("frontend/e2e/crud.spec.mjs")).contains("for (const file of entity.files ?? [])",
                "\"files\": [\n        { \"field\": \"image\", \"label\": \"Image\", \"image\": true }");
        assertThat(front.get("docs/architecture.md")).contains("### Files (`file_upload`)");
        assertThat(front.get("deploy/docker-compose.yml")).contains("      - uploads:/data/uploads");
        assertThat(front.get("deploy/k8s/30-backend.yaml")).contains("kind: PersistentVolumeClaim", "claimName: photos-uploads");
        assertThat(front.get("deploy/.env.example")).contains("FILE_STORAGE=local", "# S3_BUCKET=");

        Map<String, String> none = Packs.render(AppSpec.builder("Notes")
                .entity(new Entity("Note", List.of(Field.builder("text", FieldType.STRING).build()))).build(),
                new NextJsPack(), new DocsPack(), new DeployPack());
        assertThat(none).doesNotContainKeys("frontend/src/lib/files.ts", "frontend/src/components/stored-files.tsx");
        assertThat(none.get("frontend/src/components/entity-form.tsx")).doesNotContain("uploadFile", "useRef");
        assertThat(none.get("frontend/src/lib/http.ts")).doesNotContain("requestRaw");
        assertThat(none.get("frontend/e2e/crud.spec.mjs")).doesNotContain("entity.files", "const PNG");
        assertThat(none.get("deploy/docker-compose.yml")).doesNotContain("uploads");
        assertThat(none.get("deploy/k8s/30-backend.yaml")).doesNotContain("PersistentVolumeClaim");
    }
}
