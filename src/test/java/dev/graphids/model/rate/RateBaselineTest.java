package dev.graphids.model.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.graphids.SharedData;
import dev.graphids.cache.CacheProgress;
import dev.graphids.cache.CacheSpec;
import dev.graphids.cache.GraphCache;
import dev.graphids.cache.GraphCacheBuilder;
import dev.graphids.can.catalog.DatasetCatalog;
import dev.graphids.can.catalog.DatasetEntry;
import dev.graphids.can.sim.DatasetLayout;
import dev.graphids.can.sim.SimulateFixture;
import dev.graphids.eval.Evaluation;
import dev.graphids.eval.EvaluationReport;
import dev.graphids.eval.MetricNames;
import dev.graphids.eval.PredictionReader;
import dev.graphids.eval.ScoredSplit;
import dev.graphids.eval.SplitRef;
import dev.graphids.eval.ThresholdMetric;
import dev.graphids.graph.AttackTypes;
import dev.graphids.lake.Lake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RateBaselineTest {
    @TempDir
    Path tmp;

    private GraphCache simulatedCache() throws Exception {
        Lake lake = Lake.at(tmp.resolve("lake"));
        DatasetEntry sim = SimulateFixture.dataset(lake, "sim", 0.2);
        return new GraphCacheBuilder(lake, 2, CacheProgress.NONE).ensure(sim, CacheSpec.defaults(), false).cache();
    }

    @Test
    void dosWindowsOfSimulatedTrafficScoreAboveBenignOnes() throws Exception {
        GraphCache cache = simulatedCache();
        Map<SplitRef, ScoredSplit> all = RateBaseline.scoreAll(cache);
        ScoredSplit test01 = all.get(SplitRef.test(DatasetLayout.TEST_KNOWN_KNOWN));
        double maxBenign = Double.NEGATIVE_INFINITY;
        double sumDos = 0;
        int dos = 0;
        for (int i = 0; i < test01.data().size(); i++) {
            double s = test01.scores()[i];
            assertThat(s).isNegative(); // a window takes time
            if (test01.data().labels()[i] == 0) {
                maxBenign = Math.max(maxBenign, s);
            } else if (test01.data().attackTypes()[i] == 1) {
                sumDos += s;
                dos++;
            }
        }
        assertThat(dos).isPositive();
        assertThat(sumDos / dos).isGreaterThan(maxBenign);

        EvaluationReport report = RateBaseline.evaluate(cache);
        assertThat(report.threshold()).isFinite();
        Evaluation t01 = report.tests().get(DatasetLayout.TEST_KNOWN_KNOWN);
        assertThat(t01.get(MetricNames.aurocPerAttack("dos"))).isGreaterThan(0.95);
        assertThat(report.tests().keySet()).containsExactly(DatasetLayout.TEST_KNOWN_KNOWN,
                DatasetLayout.TEST_UNKNOWN_KNOWN, DatasetLayout.TEST_SUPPRESS);
        assertThat(report.metrics()).containsKeys("val_auroc", "test/" + DatasetLayout.TEST_KNOWN_KNOWN + "/auroc",
                "test/auroc", "test/f1_macro");
    }

    @Test
    void evaluateAndWriteLeavesOnePredictionFilePerSplitMatchingTheScores() throws Exception {
        GraphCache cache = simulatedCache();
        Path predictions = tmp.resolve("run/predictions");
        EvaluationReport report = RateBaseline.evaluateAndWrite(cache, predictions);
        assertThat(predictions.resolve("train.safetensors")).exists();
        assertThat(predictions.resolve("val.safetensors")).exists();
        for (String folder : report.tests().keySet()) {
            PredictionReader.Predictions p = PredictionReader.read(predictions.resolve("test/" + folder
                    + ".safetensors"));
            assertThat(p.model()).isEqualTo(RateBaseline.MODEL);
            assertThat(p.split()).isEqualTo(folder);
            assertThat(p.threshold()).isEqualTo(report.threshold());
            assertThat((long) p.size()).isEqualTo(report.tests().get(folder).samples());
            long attacks = 0;
            for (int i = 0; i < p.size(); i++) {
                assertThat(p.source(i)).startsWith(folder + "/");
                assertThat(p.decision()[i]).isEqualTo((byte) (p.score()[i] >= p.threshold() ? 1 : 0));
                attacks += p.decision()[i];
            }
            Evaluation e = report.tests().get(folder);
            assertThat(attacks).isEqualTo(e.counts().tp() + e.counts().fp());
        }
        assertThat(Files.list(predictions.resolve("test")).count()).isEqualTo(3);
    }

    /** The real hcrl_sa captures: the rate baseline's AUROC per test folder against the figures of issue 5. */
    @Test
    void rateAurocOnRealHcrlSaMatchesTheReference() throws Exception {
        Path shared = SharedData.require("hcrl_sa");
        Path lakeDir = tmp.resolve("lake");
        Files.createDirectories(lakeDir.resolve("raw"));
        Files.createSymbolicLink(lakeDir.resolve("raw/hcrl_sa"), shared);
        Lake lake = Lake.at(lakeDir);
        GraphCache cache = new GraphCacheBuilder(lake, 2, CacheProgress.NONE)
                .ensure(DatasetCatalog.load(lake).require("hcrl_sa"), CacheSpec.defaults(), false).cache();
        EvaluationReport report = RateBaseline.evaluate(cache);
        List<String> folders = List.of("test_01_known_vehicle_known_attack", "test_02_unknown_vehicle_known_attack",
                "test_03_known_vehicle_unknown_attack", "test_04_unknown_vehicle_unknown_attack");
        double[] reference = {0.999, 0.999, 0.963, 0.994};
        StringBuilder table = new StringBuilder("rate baseline on hcrl_sa, threshold " + report.threshold()
                + ", val AUROC " + report.validation().auroc() + "\n");
        for (String f : folders) {
            Evaluation e = report.tests().get(f);
            table.append(String.format("%s auroc %.4f ap %.4f f1 %.4f f1_macro %.4f fpr %.4f fnr %.4f mcc %.4f%n", f,
                    e.auroc(), e.get(MetricNames.AP), e.get(ThresholdMetric.F1), e.get(ThresholdMetric.F1_MACRO),
                    e.get(ThresholdMetric.FPR), e.get(ThresholdMetric.FNR), e.get(ThresholdMetric.MCC)));
        }
        System.out.print(table);
        for (int i = 0; i < folders.size(); i++) {
            assertThat(report.tests().get(folders.get(i)).auroc()).as(folders.get(i) + "\n" + table)
                    .isCloseTo(reference[i], within(0.01));
        }
        assertThat(AttackTypes.nameOf(1)).isEqualTo("dos");
    }
}
