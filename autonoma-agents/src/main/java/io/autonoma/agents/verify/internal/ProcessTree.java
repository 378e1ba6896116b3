package io.autonoma.agents.verify.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ends every process a sandboxed command started. The command was started through {@code setsid}, so its process is
 * the leader of a process group of its own whose id is its pid, and every process it forks stays in that group unless
 * it leaves on purpose: the group is sent SIGKILL (one {@code kill(2)} on the whole group, so a forking loop cannot
 * outrun it), and the descendants still attached to the tree are killed one by one as well (which catches those that
 * left the group while their parent lived). Then it waits, bounded, until none of them runs any more.
 */
public final class ProcessTree {
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private final Path kill;

    /** {@code kill} is the path of the system's kill program (procps or util-linux). */
    public ProcessTree(Path kill) {
        this.kill = kill;
    }

    /** Kills {@code process}, its process group and its descendants, and waits (bounded) until they have ended. */
    public void killAll(Process process) throws InterruptedException {
        long pgid = process.pid();
        List<ProcessHandle> descendants = new ArrayList<>(process.descendants().toList());
        killGroup(pgid);
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(SETTLE.toSeconds(), TimeUnit.SECONDS);
        long end = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < end) {
            boolean descendantsGone = descendants.stream().noneMatch(d -> running(d.pid()));
            if (descendantsGone && groupMembers(pgid).isEmpty()) {
                return;
            }
            // a process forked while the first signal was on its way: signal again
            killGroup(pgid);
            descendants.forEach(ProcessHandle::destroyForcibly);
            Thread.sleep(50);
        }
    }

    /**
     * Sends SIGKILL to the process group {@code pgid}. Safe when the group does not exist (the command ended before
     * {@code setsid} made it, or every member is gone): {@code kill} then fails with ESRCH and nothing happens. The id
     * is a pid this sandbox started, never the JVM's own group.
     */
    public void killGroup(long pgid) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(kill.toString(), "-9", "--", "-" + pgid)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            // no kill program could be started: the descendants are still killed one by one
        }
    }

    /** The pids of the running (not zombie) processes of group {@code pgid}, read from {@code /proc}. */
    static List<Long> groupMembers(long pgid) {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("[0-9]+"))) {
            for (Path dir : dirs) {
                String[] f = stat(dir);
                if (f.length > 2 && !f[0].equals("Z") && !f[0].equals("X") && f[2].equals(Long.toString(pgid))) {
                    out.add(Long.parseLong(dir.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            // no /proc: only the signals above are relied on
        }
        return out;
    }

    /** Whether {@code pid} is a process that has not ended (a zombie has ended: it only waits to be reaped). */
    static boolean running(long pid) {
        String[] f = stat(Path.of("/proc", Long.toString(pid)));
        return f.length > 0 && !f[0].equals("Z") && !f[0].equals("X");
    }

    /** The fields of {@code /proc/<pid>/stat} after the command name (state, ppid, pgrp, ...); empty when gone. */
    private static String[] stat(Path dir) {
        String stat;
        try {
            stat = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return new String[0]; // ended meanwhile
        }
        // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so split after the last ')'
        int close = stat.lastIndexOf(')');
        return close < 0 || close + 2 > stat.length() ? new String[0] : stat.substring(close + 2).split(" ");
    }
}
