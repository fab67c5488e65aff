package dev.graphids.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphids.fusion.FusionConfig;
import dev.graphids.fusion.Reward;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extract and fusion configs bind strictly, with the file's line in every error. */
class FusionConfigLoadingTest {
    static final String FUSION = """
            experiment_name: sim_fusion
            dataset: sim
            stage: fit
            config:
              model:
                type: fusion
                method: dqn
                reward: legacy
              states: /lake/runs/sim/sim_extract/extract
              trainer: {max_epochs: 3}
            """;
    static final String EXTRACT = """
            experiment_name: sim_extract
            dataset: sim
            stage: extract
            config:
              checkpoints:
                gat: /runs/gat/checkpoints/best_model.safetensors
                vgae: /runs/vgae/checkpoints/best_model.safetensors
              max_samples: 1000
            """;

    @TempDir
    Path tmp;

    private RunSpec load(String text, String... overrides) throws IOException {
        Path f = tmp.resolve("exp.yaml");
        Files.writeString(f, text);
        return new ConfigLoader(new GitInfo(null)).load(f, List.of(overrides), List.of());
    }

    @Test
    void fusionAndExtractConfigsBindWithDefaults() throws IOException {
        FusionRunConfig fusion = (FusionRunConfig) load(FUSION).stage();
        FusionConfig m = fusion.model();
        assertThat(m.method()).isEqualTo("dqn");
        assertThat(m.rewardKind()).isEqualTo(Reward.LEGACY);
        assertThat(m.episodeSize()).isEqualTo(20_000);
        assertThat(m.batchSize()).isEqualTo(128);
        assertThat(m.bufferSize()).isEqualTo(50_000);
        assertThat(m.epsilonAnnealSteps()).isEqualTo(597);
        assertThat(m.auxWeight()).isNull();
        assertThat(fusion.trainer().maxEpochs()).isEqualTo(3);
        FusionConfig moe = ((FusionRunConfig) load(FUSION.replace("method: dqn", "method: moe")
                .replace("    reward: legacy\n", "")).stage()).model();
        assertThat(moe.auxWeight()).isEqualTo(0.01);
        assertThat(moe.experts()).isEqualTo(3);
        assertThat(moe.reward()).isNull();
        assertThat(Launcher.runnerFor(load(FUSION))).isNotNull();

        ExtractRunConfig extract = (ExtractRunConfig) load(EXTRACT).stage();
        assertThat(extract.maxSamples()).isEqualTo(1000);
        assertThat(extract.maxValSamples()).isEqualTo(30_000);
        assertThat(extract.batchSize()).isEqualTo(256);
        assertThat(extract.fusionValFraction()).isEqualTo(0.5);
        assertThat(Launcher.runnerFor(load(EXTRACT))).isInstanceOf(ExtractStageRunner.class);
        assertThat(extract.checkpoints().get("gat")).containsExactly("/runs/gat/checkpoints/best_model.safetensors");
        ExtractRunConfig ensemble = (ExtractRunConfig) load(EXTRACT, "config.checkpoints.gat=[a.safetensors, "
                + "b.safetensors, c.safetensors]").stage();
        assertThat(ensemble.checkpoints().get("gat")).containsExactly("a.safetensors", "b.safetensors",
                "c.safetensors");
        assertThat(ensemble.checkpoints().get("vgae")).hasSize(1);
    }

    @Test
    void errorsNameTheLineTheKeyAndWhatWasExpected() {
        assertThatThrownBy(() -> load(FUSION.replace("method: dqn", "method: mlp")))
                .hasMessageContaining("exp.yaml:8: config.model.reward: not a setting of method mlp");
        assertThatThrownBy(() -> load(FUSION.replace("method: dqn", "method: ppo")))
                .hasMessageContaining("exp.yaml:7: config.model.method: expected one of weighted_avg, mlp, moe, "
                        + "dqn, bandit, max_sigma, found 'ppo'");
        assertThatThrownBy(() -> load(FUSION.replace("reward: legacy", "reward: shaped")))
                .hasMessageContaining("config.model.reward: expected legacy or minimal, found 'shaped'");
        assertThatThrownBy(() -> load(FUSION.replace("  states: /lake/runs/sim/sim_extract/extract\n", "")))
                .hasMessageContaining("config.states: expected the run directory of a finished extract run");
        assertThatThrownBy(() -> load(FUSION.replace("trainer:", "trainr:")))
                .hasMessageContaining("exp.yaml:10: config.trainr: unknown key 'trainr'");
        assertThatThrownBy(() -> load(EXTRACT.replace("max_samples: 1000", "max_samples: 0")))
                .hasMessageContaining("exp.yaml:8: config.max_samples: expected >= 1, found 0");
        assertThatThrownBy(() -> load(EXTRACT.replace("    vgae:", "    rate:")))
                .hasMessageContaining("config.checkpoints: expected a mapping with gat and vgae checkpoint paths");
        assertThatThrownBy(() -> load(EXTRACT, "config.checkpoints.vgae=[a.safetensors, b.safetensors]"))
                .hasMessageContaining("config.checkpoints.vgae: expected one checkpoint path; only gat takes a list");
        assertThatThrownBy(() -> load(EXTRACT, "config.checkpoints.gat=[]"))
                .hasMessageContaining("config.checkpoints.gat: expected a checkpoint path, found nothing");
        assertThatThrownBy(() -> load(EXTRACT, "config.fusion_val_fraction=1"))
                .hasMessageContaining("(--set config.fusion_val_fraction=1): config.fusion_val_fraction: expected a "
                        + "number in (0, 1), found 1.0");
    }
}
