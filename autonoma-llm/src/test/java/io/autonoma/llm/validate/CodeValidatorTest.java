package io.autonoma.llm.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodeValidatorTest {
    @Test
    void accepts_valid_python_typescript_and_tsx() {
        assertThat(CodeValidator.validate("a.py", "def f(x: int) -> int:\n    return x + 1\n")).isEmpty();
        assertThat(CodeValidator.validate("a.ts", "export const f = (x: number): number => x + 1;\n")).isEmpty();
        assertThat(CodeValidator.validate("a.tsx", "export default function P() { return <div className=\"a\">{1}</div>; }\n")).isEmpty();
    }

    @Test
    void reports_python_syntax_errors_with_line_numbers() {
        var problems = CodeValidator.validate("app/x.py", "def ok():\n    return 1\n\ndef broken(:\n    pass\n");
        assertThat(problems).isNotEmpty();
        assertThat(problems.get(0).line()).isEqualTo(4);
        assertThat(problems.get(0).toString()).startsWith("app/x.py:4:");
    }

    @Test
    void reports_typescript_and_tsx_errors() {
        assertThat(CodeValidator.validate("a.ts", "const x: number = ;\n")).isNotEmpty();
        assertThat(CodeValidator.validate("a.tsx", "export function P() { return <div><span></div>; }\n")).isNotEmpty();
    }

    @Test
    void unsupported_files_are_not_checked() {
        assertThat(CodeValidator.supports("README.md")).isFalse();
        assertThat(CodeValidator.validate("README.md", "def (((")).isEmpty();
    }
}
