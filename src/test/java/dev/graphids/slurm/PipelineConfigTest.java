package dev.graphids.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphids.lake.Lake;
import dev.graphids.run.ConfigLoader;
import dev.graphids.run.ConfigLoaderTest;
import dev.graphids.run.GitInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineConfigTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(tmp.resolve("cache.yaml"), ConfigLoaderTest.VALID);
        Files.writeString(tmp.resolve("fit.yaml"), ConfigLoaderTest.VALID.replace("stage: cache", "stage: fit")
                .replace("experiment_name: sim_cache", "experiment_name: sim_fit")
                .replace("  data:\n", "  model: {type: rate}\n  data:\n"));
    }

    private Path write(String text) throws Exception {
        Path f = tmp.resolve("pipe.yaml");
        Files.writeString(f, text);
        return f;
    }

    static final String CHAIN = """
            pipeline_name: chain
            stages:
              - name: cache
                config: cache.yaml
              - name: fit
                config: fit.yaml
                set: ["config.ckpt_path=${runs.cache.checkpoint_dir}/last.safetensors", "plan_id=${runs.cache.run_dir}"]
              - name: other
                config: cache.yaml
                set: [run_name=other]
                after: [cache]
            """;

    @Test
    void plansStagesWithPlaceholdersAndDependencies() throws Exception {
        PipelineConfig.Loaded p = PipelineConfig.load(write(CHAIN));
        Lake lake = Lake.at(tmp.resolve("lake"));
        SbatchRenderer renderer = new SbatchRenderer(lake, java.util.Map.of(), ClusterCatalog.shipped(), tmp,
                List.of("graphids"));
        List<PipelinePlan.PlannedStage> stages = PipelinePlan.plan(p, new ConfigLoader(new GitInfo(null)), lake,
                renderer, SbatchOptions.NONE);
        assertThat(stages).extracting(PipelinePlan.PlannedStage::name).containsExactly("cache", "fit", "other");
        assertThat(stages.get(0).after()).isEmpty();
        assertThat(stages.get(1).after()).containsExactly("cache");
        assertThat(stages.get(2).after()).containsExactly("cache");
        Path cacheRun = lake.root().resolve("runs/sim/sim_cache/sim_cache");
        assertThat(stages.get(1).spec().config().planId()).isEqualTo(cacheRun.toString());
        assertThat(stages.get(1).spec().overrides()).contains("config.ckpt_path=" + cacheRun.resolve("checkpoints") + "/last.safetensors");
        assertThat(stages.get(1).script().text()).contains("'--set' 'plan_id=" + cacheRun + "'");
    }

    @Test
    void unknownKeysAreRejectedWithTheirLine() throws Exception {
        assertThatThrownBy(() -> PipelineConfig.load(write(CHAIN.replace("    after: [cache]", "    afterok: [cache]"))))
                .hasMessageContaining("pipe.yaml:11: stages[2].afterok: unknown key 'afterok'");
        assertThatThrownBy(() -> PipelineConfig.load(write("pipeline_name: x\nstage: []\n")))
                .hasMessageContaining("pipe.yaml:2: stage: unknown key 'stage'");
    }

    @Test
    void referencesMustNameEarlierStagesAndKnownFields() throws Exception {
        assertThatThrownBy(() -> PipelineConfig.load(write(CHAIN.replace("${runs.cache.run_dir}",
                "${runs.other.run_dir}")))).hasMessageContaining("pipe.yaml:7: stages[1].set[1]: ${runs.other...} "
                + "must name an earlier stage");
        assertThatThrownBy(() -> PipelineConfig.load(write(CHAIN.replace("${runs.cache.run_dir}",
                "${runs.cache.job}")))).hasMessageContaining("unknown field 'job' of runs.cache");
        assertThatThrownBy(() -> PipelineConfig.load(write(CHAIN.replace("after: [cache]", "after: [nope]"))))
                .hasMessageContaining("stages[2].after[0]: 'nope' is not an earlier stage");
        assertThatThrownBy(() -> PipelineConfig.load(write(CHAIN.replace("config: fit.yaml", "config: none.yaml"))))
                .hasMessageContaining("pipe.yaml:6: stages[1].config: no such config file");
        assertThatThrownBy(() -> PipelineConfig.load(write(CHAIN.replace("name: other", "name: cache"))))
                .hasMessageContaining("stages[2].name: stage 'cache' is defined twice");
    }

    @Test
    void twoStagesInOneRunDirectoryAreRejected() throws Exception {
        PipelineConfig.Loaded p = PipelineConfig.load(write(CHAIN.replace("set: [run_name=other]", "set: []")));
        Lake lake = Lake.at(tmp.resolve("lake"));
        SbatchRenderer renderer = new SbatchRenderer(lake, java.util.Map.of(), ClusterCatalog.shipped(), tmp,
                List.of("graphids"));
        assertThatThrownBy(() -> PipelinePlan.plan(p, new ConfigLoader(new GitInfo(null)), lake, renderer,
                SbatchOptions.NONE)).hasMessageContaining("same run directory as stage 'cache'");
    }
}
