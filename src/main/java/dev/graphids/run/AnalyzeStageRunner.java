package dev.graphids.run;

import dev.graphids.analysis.AnalysisManifest;
import dev.graphids.analysis.Analyzer;
import dev.graphids.cache.GraphCache;
import dev.graphids.tensor.Accelerator;
import dev.graphids.tensor.Engines;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code analyze} stage: analysis artifacts of a checkpoint into the run's {@code artifacts/} (§8). */
final class AnalyzeStageRunner implements StageRunner {
    @Override
    public StageResult run(StageContext ctx) throws Exception {
        AnalyzeRunConfig a = ((AnalyzeRunConfig) ctx.spec().stage()).inLake(ctx.lake().root());
        a.requirePaths(); // before building any cache
        long seed = a.seed() != null ? a.seed() : ctx.spec().config().seed();
        GraphCache cache = null;
        if (!a.modelType().equals(AnalyzeRunConfig.FUSION)) {
            cache = CacheStageRunner.ensureCache(ctx, a.data()).cache();
            Engines.preflight(ctx.spec().config().resources().accelerator() == ResourceConfig.Accelerator.GPU
                    ? Accelerator.GPU : Accelerator.CPU, ctx.threads());
            Engines.seed(seed);
        }
        AnalysisManifest m = Analyzer.run(new Analyzer.Inputs(a, ctx.spec().config().dataset(), cache,
                a.data().featureClip(), ctx.paths().artifacts(), seed, ctx.log()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("stage", "analyze");
        details.put("output_dir", m.outputDir());
        details.put("expected_outputs", m.expectedOutputs());
        details.put("existing_outputs", m.existingOutputs());
        ctx.tags().set(Map.of("graphids.model", a.modelType()));
        return new StageResult(details, Map.of());
    }
}
