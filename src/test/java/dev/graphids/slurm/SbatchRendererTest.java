package dev.graphids.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphids.error.GraphidsException;
import dev.graphids.lake.Lake;
import dev.graphids.run.ConfigLoader;
import dev.graphids.run.ConfigLoaderTest;
import dev.graphids.run.GitInfo;
import dev.graphids.run.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbatchRendererTest {
    @TempDir
    Path tmp;
    Path lake;
    final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() {
        lake = tmp.resolve("lake");
    }

    private RunSpec load(String resources, String... overrides) throws IOException {
        Path f = tmp.resolve("exp.yaml");
        Files.writeString(f, ConfigLoaderTest.VALID.replace("  backend: local\n", "  backend: local\n" + resources));
        return new ConfigLoader(new GitInfo(null)).load(f, List.of(overrides), List.of());
    }

    private SbatchRenderer renderer(List<String> launch) {
        return new SbatchRenderer(Lake.at(lake), env, ClusterCatalog.shipped(), tmp, launch);
    }

    private SbatchRenderer renderer() {
        return renderer(List.of("graphids"));
    }

    private static List<String> directives(String script) {
        return script.lines().filter(l -> l.startsWith("#SBATCH ")).map(l -> l.substring(8)).toList();
    }

    @Test
    void rendersDirectivesInTheOriginalOrderWithOptionalOnesWhenTheyApply() throws IOException {
        SbatchScript s = renderer().render(load("""
                  cluster: pitzer
                  accelerator: gpu
                  cpus_per_worker: 8
                  memory_gb: 96
                  time_limit: "08:00:00"
                  account: PAS1266
                """), List.of(), SbatchOptions.NONE, null);
        String logs = lake.resolve("slurm").toString();
        assertThat(directives(s.text())).containsExactly("--nodes=1", "--ntasks=1", "--job-name=sim_cache",
                "--partition=gpu", "--time=08:00:00", "--cpus-per-task=8", "--clusters=pitzer", "--gres=gpu:1",
                "--mem=96G", "--account=pas1266", "--output=" + logs + "/sim_cache_%j.out",
                "--error=" + logs + "/sim_cache_%j.err", "--comment=graphids:sim/sim_cache/sim_cache");
        assertThat(s.text()).startsWith("#!/usr/bin/env bash\n#SBATCH --nodes=1\n").contains("\n\nset -euo pipefail\n")
                .contains("export GRAPHIDS_LAKE_ROOT='" + lake + "'\n")
                .contains("'graphids' 'exp' 'launch' '" + tmp.resolve("exp.yaml") + "'");
        assertThat(s.path()).isEqualTo(lake.resolve("slurm/scripts/sim_cache.sbatch"));
    }

    @Test
    void resolvesCliOverYamlOverCatalogDefaultOverBuiltIn() throws IOException {
        // catalog default (cluster local: partition debug, time 00:10:00)
        SbatchScript.Resolved catalog = renderer().resolve(load("").config(), SbatchOptions.NONE);
        assertThat(catalog.partition()).isEqualTo("debug");
        assertThat(catalog.time()).isEqualTo("00:10:00");
        assertThat(catalog.sbatchClusters()).isNull();
        // YAML over catalog
        SbatchScript.Resolved yaml = renderer().resolve(load("  cluster: pitzer\n  partition: debug\n"
                + "  time_limit: \"00:30:00\"\n").config(), SbatchOptions.NONE);
        assertThat(yaml.partition()).isEqualTo("debug");
        assertThat(yaml.time()).isEqualTo("00:30:00");
        // CLI over YAML
        SbatchScript.Resolved cli = renderer().resolve(load("  cluster: pitzer\n  partition: debug\n"
                + "  time_limit: \"00:30:00\"\n").config(), new SbatchOptions("cardinal", "gpu", "02:00:00",
                "gpu:h100:2", false));
        assertThat(cli).extracting("cluster", "partition", "time", "gres", "sbatchClusters")
                .containsExactly("cardinal", "gpu", "02:00:00", "gpu:h100:2", "cardinal");
        // built-in defaults when the catalog has no default cluster
        SbatchRenderer bare = new SbatchRenderer(Lake.at(lake), env, ClusterCatalog.parse("""
                {"clusters": {"x": [{"partition": "p", "cores_per_node": 4, "mem_mb_per_node": 8192,
                  "mem_gb_per_node": 8.0, "mem_gb_per_core": 2.0, "walltime": "infinite", "walltime_sec": null,
                  "gres": "", "n_nodes": 1}]}}""", "t.json"), tmp, List.of("graphids"));
        SbatchScript.Resolved builtIn = bare.resolve(load("  accelerator: gpu\n").config(), SbatchOptions.NONE);
        assertThat(builtIn).extracting("cluster", "partition", "time", "gres", "gpus")
                .containsExactly(null, "gpu", "01:00:00", "gpu:1", 1);
    }

    @Test
    void accountComesFromTheEnvironmentLowerCasedUnlessTheYamlNamesOne() throws IOException {
        env.put("GRAPHIDS_SLURM_ACCOUNT", "PAS9999");
        assertThat(renderer().resolve(load("").config(), SbatchOptions.NONE).account()).isEqualTo("pas9999");
        assertThat(renderer().resolve(load("  account: PZS0001\n").config(), SbatchOptions.NONE).account())
                .isEqualTo("pzs0001");
    }

    @Test
    void logDirectoryIsTheVariableElseTheLakesSlurmDirectory() throws IOException {
        assertThat(renderer().render(load(""), List.of(), SbatchOptions.NONE, null).text())
                .contains("--output=" + lake.resolve("slurm") + "/sim_cache_%j.out");
        env.put("GRAPHIDS_SLURM_LOG_DIR", tmp.resolve("logs").toString());
        SbatchScript s = renderer().render(load(""), List.of(), SbatchOptions.NONE, null);
        assertThat(s.text()).contains("--error=" + tmp.resolve("logs") + "/sim_cache_%j.err");
        assertThat(s.path()).isEqualTo(tmp.resolve("logs/scripts/sim_cache.sbatch"));
        env.put("GRAPHIDS_SLURM_LOG_DIR", tmp.resolve("with space").toString());
        assertThatThrownBy(() -> renderer().render(load(""), List.of(), SbatchOptions.NONE, null))
                .hasMessageContaining("cannot go into an #SBATCH line");
    }

    @Test
    void valuesBeyondTheCatalogLimitsNameTheLimit() throws IOException {
        assertThatThrownBy(() -> renderer().resolve(load("  cluster: pitzer\n").config(),
                new SbatchOptions(null, "gpu", "8-00:00:00", null, false)))
                .hasMessageContaining("exceeds the walltime limit 7-00:00:00 of partition gpu of cluster pitzer");
        assertThatThrownBy(() -> renderer().resolve(load("  cluster: pitzer\n  accelerator: gpu\n  memory_gb: 500\n")
                .config(), SbatchOptions.NONE)).hasMessageContaining("memory_gb 500 exceeds")
                .hasMessageContaining("363.0 GB");
        assertThatThrownBy(() -> renderer().resolve(load("  cluster: pitzer\n  cpus_per_worker: 64\n").config(),
                SbatchOptions.NONE)).hasMessageContaining("40 cores per node");
        assertThatThrownBy(() -> renderer().resolve(load("  cluster: pitzer\n  gpus_per_worker: 3\n").config(),
                SbatchOptions.NONE)).hasMessageContaining("has 2 per node");
        assertThatThrownBy(() -> renderer().resolve(load("  cluster: pitzer\n  partition: nope\n").config(),
                SbatchOptions.NONE)).hasMessageContaining("partition 'nope' is not in cluster pitzer");
        assertThatThrownBy(() -> renderer().resolve(load("").config(), new SbatchOptions("mars", null, null, null,
                false))).hasMessageContaining("cluster 'mars' is not in the cluster catalog");
        assertThatThrownBy(() -> renderer().resolve(load("").config(), new SbatchOptions(null, null, "soon", null,
                false))).hasMessageContaining("is not a SLURM time limit");
    }

    @Test
    void directiveValuesWithShellCharactersAreRejected() throws IOException {
        RunSpec run = load("");
        for (SbatchOptions bad : List.of(new SbatchOptions(null, "debug\n#SBATCH --x", null, null, false),
                new SbatchOptions(null, "gpu;rm -rf /", null, null, false),
                new SbatchOptions(null, null, null, "gpu:1 $(id)", false))) {
            assertThatThrownBy(() -> renderer().render(run, List.of(), bad, null))
                    .isInstanceOf(GraphidsException.class).hasMessageContaining("cannot go into an #SBATCH line");
        }
        env.put("GRAPHIDS_SLURM_ACCOUNT", "a`id`");
        assertThatThrownBy(() -> renderer().render(run, List.of(), SbatchOptions.NONE, null))
                .hasMessageContaining("account");
    }

    /** Runs a rendered script with bash, the launch command replaced by printf, and returns what it printed. */
    private String execute(SbatchScript script, Map<String, String> jobEnv) throws Exception {
        Path file = tmp.resolve("job.sh");
        Files.writeString(file, script.text());
        ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).directory(tmp.toFile())
                .redirectErrorStream(true);
        pb.environment().remove("SLURM_JOB_ID");
        pb.environment().putAll(jobEnv);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void aNameWithShellMetacharactersCannotInjectCommands() throws Exception {
        Path pwned = tmp.resolve("pwned");
        // The script cds to the code directory (tmp), so a relative "touch pwned" would land next to `pwned`.
        String evil = "x'; touch pwned; echo '$(touch pwned)`touch pwned`\"${HOME}\"";
        Path dir = tmp.resolve("dir $(touch pwned)");
        Files.createDirectories(dir);
        Path yaml = dir.resolve("exp'; touch pwned;'.yaml");
        Files.writeString(yaml, ConfigLoaderTest.VALID);
        RunSpec run = new ConfigLoader(new GitInfo(null)).load(yaml, List.of("plan_id=" + evil), List.of());
        env.put("MLFLOW_TRACKING_URI", "sqlite:///$(touch pwned)");
        SbatchScript s = renderer(List.of("printf", "[%s]\\n")).render(run, List.of(), SbatchOptions.NONE, null);
        String out = execute(s, Map.of());
        assertThat(pwned).doesNotExist();
        assertThat(out).contains("[" + yaml + "]").contains("[plan_id=" + evil + "]");
    }

    @Test
    void anArrayTaskLaunchesItsSeedAndRunNameAndPlan() throws Exception {
        SbatchScript s = renderer(List.of("printf", "[%s]\\n")).render(load(""), List.of(), SbatchOptions.NONE,
                new SbatchRenderer.ArrayPlan(List.of(11, 22, 33), "plan-1"));
        assertThat(directives(s.text())).contains("--array=0-2",
                "--output=" + lake.resolve("slurm") + "/sim_cache_%A_%a.out");
        String out = execute(s, Map.of("SLURM_ARRAY_TASK_ID", "1"));
        assertThat(out).contains("[seed=22]", "[run_name=sim_cache_seed22]", "[plan_id=plan-1]");
    }

    @Test
    void forwardsTrackingVariablesAndStagesDataWhenAsked() throws IOException {
        env.put("GRAPHIDS_MLFLOW_MODE", "offline");
        SbatchScript s = renderer().render(load(""), List.of(), new SbatchOptions(null, null, null, null, true),
                null);
        assertThat(s.text()).contains("export GRAPHIDS_MLFLOW_MODE='offline'\n")
                .contains("cp -a '" + lake.resolve("raw/sim") + "' \"$GRAPHIDS_STAGE_DIR/raw/\"");
        List<String> lines = new ArrayList<>(s.text().lines().toList());
        assertThat(lines.get(lines.size() - 1)).isEqualTo("exit \"$rc\"");
    }
}
