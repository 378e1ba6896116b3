/**
 * Running a generated app's own checks as untrusted code: {@link io.autonoma.agents.verify.Sandbox} runs a
 * {@link io.autonoma.agents.verify.SandboxedCommand} and says in its {@link io.autonoma.agents.verify.Sandbox.Result}
 * which {@link io.autonoma.agents.verify.Isolation} was really in force; {@link io.autonoma.agents.verify.ProcessSandbox}
 * is the default (Linux: a network namespace with loopback only, a scrubbed environment, a fresh HOME, prlimit limits,
 * the whole process tree killed at the end).
 */
package io.autonoma.agents.verify;
