package dev.graphids.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the real command line against a temporary lake and captures what it prints. */
final class CliRunner {
    record Result(int exitCode, String out, String err) {
    }

    private final Map<String, String> env = new HashMap<>();

    CliRunner(Path lake) {
        env.put("GRAPHIDS_LAKE_ROOT", lake.toString());
        env.put("HOME", lake.resolve("home").toString());
    }

    CliRunner with(String key, String value) {
        env.put(key, value);
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Result(code, out.toString(), err.toString());
    }
}
