package io.autonoma.agents.backend.internal;

import io.autonoma.agents.naming.Naming;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Capability;
import java.util.ArrayList;
import java.util.List;

/**
 * The file_upload capability in the FastAPI pack: the upload and download routes of each file field
 * ({@code app/routers/files.py}), the storage ({@code app/files.py}) and the tests ({@code tests/test_files.py}).
 */
public final class FileViews {
    private FileViews() {}

    /**
     * One file field. {@code path}: its route under the row ({@code /api/v1/pictures/{picture_id}/file}, POST
     * uploads, GET downloads); {@code imagesOnly}: {@code True} when the field takes images only.
     */
    public record FileView(String entity, String snake, String field, String path, String idName, String user,
            String imagesOnly, boolean image, boolean owned, String ownerFk, List<String> ownerCheck, String uploadParam,
            String getLine, String keyLine, String commitLine, String noFileLine, String responseLine, String storedLine,
            String resource, String fieldPy, String collectionPath, String segment) {}

    static List<FileView> views(AppSpec spec, List<BackendView.EntityView> entities, PyImports imports) {
        List<FileView> out = new ArrayList<>();
        for (Capability.FileUpload f : spec.capabilities(Capability.FileUpload.class)) {
            BackendView.EntityView e = entities.stream().filter(v -> v.name().equals(f.entity())).findFirst().orElseThrow();
            String snake = e.snake();
            String idName = e.idName();
            boolean image = "image".equals(f.accept());
            String path = e.path() + e.idPath() + "/" + Naming.kebab(f.field());
            imports.add("app.models." + snake, f.entity()).add("app.routers." + snake, f.entity() + "Id");
            List<String> ownerCheck = e.owned()
                    ? List.of(Py.call(4, "ensure_owner(", List.of("user", "obj." + e.ownerFk(), Py.str(f.entity()), idName), ")"))
                    : List.of();
            if (e.owned()) imports.add("app.user_refs", "ensure_owner");
            String what = image ? "The image (PNG, JPEG, GIF or WebP)" : "The file";
            String uploadParam = Py.call(4, "upload: Annotated[", List.of("UploadFile", "File(description=" + Py.str(what) + ")"), "],");
            String label = Py.str(Naming.label(f.entity()));
            String getLine = Py.call(4, "obj = await get_or_404(", List.of("session", f.entity(), idName, label), ")");
            String keyLine = Py.call(4, "key = new_key(", List.of(Py.str(e.pluralSnake()), idName, "extension"), ")");
            String commitLine = Py.call(8, "await commit_or_409(", List.of("session", "_CONFLICT",
                    "f" + Py.str(Naming.label(f.entity()) + " {" + idName + "} not found")), ")");
            String noFileLine = Py.call(8, "raise HTTPException(", List.of("status.HTTP_404_NOT_FOUND",
                    "f" + Py.str(Naming.label(f.entity()) + " {" + idName + "} has no " + f.field().replace('_', ' '))), ")");
            String responseLine = Py.call(4, "return file_response(", List.of("data", "key",
                    "f" + Py.str(Naming.kebab(f.entity()) + "-{" + idName + "}-" + Naming.kebab(f.field()))), ")");
            String storedLine = Py.call(4, "return StoredFile(", List.of("field=" + Py.str(f.field()), "content_type=kind",
                    "size=len(data)"), ")");
            out.add(new FileView(f.entity(), snake, f.field(), path, idName, e.owned() ? "user" : "_user",
                    image ? "True" : "False", image, e.owned(), e.ownerFk(), ownerCheck, uploadParam, getLine, keyLine,
                    commitLine, noFileLine, responseLine, storedLine, e.pluralSnake(), Py.str(f.field()), e.path(),
                    Naming.kebab(f.field())));
        }
        return out;
    }

    /** The imports of app/routers/files.py besides the per-entity ones {@link #views} adds. */
    static PyImports routerImports() {
        return new PyImports()
                .add("typing", "Annotated")
                .add("fastapi", "APIRouter", "File", "HTTPException", "Response", "UploadFile", "status")
                .add("app.crud", "commit_or_409", "get_or_404")
                .add("app.deps", "CurrentUser", "DbSession", "ReadCacheDep")
                .add("app.files", "DOWNLOAD_RESPONSES", "UPLOAD_RESPONSES", "FilesDep", "StoredFile", "file_response",
                        "new_key")
                .add("app.schemas.common", "ERROR_RESPONSES");
    }
}
