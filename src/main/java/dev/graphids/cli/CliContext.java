package dev.graphids.cli;

import dev.graphids.lake.CodeDirectory;
import dev.graphids.lake.Lake;
import java.io.PrintWriter;
import java.util.Map;

/** What every command may need from its surroundings: the environment and the lake, resolved once on first use. */
public final class CliContext {
    private final Map<String, String> env;
    private final PrintWriter err;
    private Lake lake;

    public CliContext(Map<String, String> env, PrintWriter err) {
        this.env = Map.copyOf(env);
        this.err = err;
    }

    public Map<String, String> env() {
        return env;
    }

    /** The lake from {@code GRAPHIDS_LAKE_ROOT}; when defaulted, says where it is so nobody is surprised. */
    public Lake lake() {
        if (lake == null) {
            lake = Lake.resolve(env, CodeDirectory.locate());
            if (lake.defaulted()) {
                err.println("graphids: lake root " + lake.root() + " (" + Lake.ROOT_VARIABLE
                        + " is unset; set it to use another)");
                err.flush();
            }
        }
        return lake;
    }

    /** The number of worker threads for parallel reads. */
    public int threads() {
        return Runtime.getRuntime().availableProcessors();
    }
}
