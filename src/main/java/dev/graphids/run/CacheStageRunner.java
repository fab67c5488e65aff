package dev.graphids.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.graphids.cache.CacheSpec;
import dev.graphids.cache.GraphCache;
import dev.graphids.cache.GraphCacheBuilder;
import dev.graphids.can.catalog.DatasetCatalog;
import dev.graphids.can.catalog.DatasetEntry;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code cache} stage: builds (or reuses) the dataset's graph cache. */
final class CacheStageRunner implements StageRunner {

    @Override
    public StageResult run(StageContext ctx) throws Exception {
        CacheRunConfig cache = (CacheRunConfig) ctx.spec().stage();
        GraphCacheBuilder.Outcome o = ensureCache(ctx, cache.data());
        GraphCache c = o.cache();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("cache/seconds", o.seconds());
        metrics.put("cache/built", o.built() ? 1.0 : 0.0);
        for (Iterator<Map.Entry<String, JsonNode>> it = c.metadata().get("splits").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            metrics.put("cache/" + e.getKey() + "/samples", e.getValue().get("num_samples").asDouble());
            metrics.put("cache/" + e.getKey() + "/attack_samples",
                    e.getValue().get("label_balance").get("attack").asDouble());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("stage", "cache");
        details.put("cache_root", c.dir().toString());
        details.put("cache_key", c.metadata().get("identity").asText());
        details.put("cache_ready", true);
        details.put("built", o.built());
        return new StageResult(details, metrics);
    }

    /** The graph cache a stage's data block names, built unless it exists (or {@code require_cache}). */
    static GraphCacheBuilder.Outcome ensureCache(StageContext ctx, DataConfig data) throws Exception {
        ExperimentConfig config = ctx.spec().config();
        DatasetEntry dataset = DatasetCatalog.load(ctx.lake()).require(config.dataset());
        CacheSpec spec = data.toSpec(config.representation());
        return ctx.traces().span("cache.build",
                Map.of("graphids.dataset", dataset.name(), "graphids.representation", spec.representation().kind()),
                span -> {
                    GraphCacheBuilder.Outcome out = new GraphCacheBuilder(ctx.lake(), ctx.threads(), ctx.progress())
                            .ensure(dataset, spec, data.requireCache());
                    span.setAttribute("graphids.cache_dir", out.cache().dir().toString());
                    span.setAttribute("graphids.cache_built", out.built());
                    return out;
                });
    }
}
