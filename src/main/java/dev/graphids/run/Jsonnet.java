package dev.graphids.run;

import dev.graphids.error.GraphidsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Renders a jsonnet config with the {@code jsonnet} program (Debian package {@code jsonnet}). */
final class Jsonnet {
    private Jsonnet() {
    }

    /**
     * @param tlas {@code name=value} string top-level arguments, or {@code name:=expr} code arguments
     */
    static String render(Path file, List<String> tlas) {
        List<String> cmd = new ArrayList<>(List.of("jsonnet"));
        for (String tla : tlas) {
            int code = tla.indexOf(":=");
            int eq = tla.indexOf('=');
            if (eq <= 0) {
                throw GraphidsException.usage("--tla " + tla + ": expected name=value (string) or name:=expr (code)");
            }
            if (code > 0 && code < eq) {
                cmd.addAll(List.of("--tla-code", tla.substring(0, code) + "=" + tla.substring(code + 2)));
            } else {
                cmd.addAll(List.of("--tla-str", tla));
            }
        }
        cmd.add(file.toString());
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw GraphidsException.environment(file + ": rendering jsonnet needs the jsonnet program, which is not "
                    + "installed (Debian/Ubuntu: apt-get install jsonnet); or render it yourself and pass the JSON");
        }
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw GraphidsException.usage(file + ": jsonnet failed: " + err.lines().findFirst().orElse(err));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw GraphidsException.environment(file + ": jsonnet: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GraphidsException.environment(file + ": interrupted while rendering jsonnet");
        }
    }
}
