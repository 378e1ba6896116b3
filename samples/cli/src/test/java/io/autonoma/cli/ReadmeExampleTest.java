package io.autonoma.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java example in README.md compiles against the real modules and generates an app. */
class ReadmeExampleTest {
    @TempDir
    Path tmp;

    @Test
    void readme_java_example_compiles_and_runs() throws Exception {
        String readme = Files.readString(Path.of("..", "..", "README.md"));
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README.md has a ```java block").isTrue();
        String source = m.group(1);
        assertThat(source.lines().count()).as("the example stays short").isLessThanOrEqualTo(20);

        Path src = Files.createDirectories(tmp.resolve("src")).resolve("GenerateTodoApp.java");
        Files.writeString(src, source);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-classpath", System.getProperty("java.class.path"),
                src.toString());
        assertThat(rc).as("javac exit code").isZero();

        Path out = tmp.resolve("todo-app");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass("GenerateTodoApp").getMethod("main", String[].class);
            main.invoke(null, (Object) new String[] {out.toString()});
        }
        assertThat(out.resolve("app-spec.json")).exists();
        assertThat(out.resolve("backend/app/main.py")).exists();
        assertThat(List.of(new File(out.toFile(), "frontend").list())).contains("package.json");
    }
}
