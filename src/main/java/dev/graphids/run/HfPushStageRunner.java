package dev.graphids.run;

import dev.graphids.export.BundleExporter;
import dev.graphids.export.HubUploader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code hf_push} stage: exports the checkpoint as a bundle, then uploads it when a token and network allow. */
final class HfPushStageRunner implements StageRunner {
    @Override
    public StageResult run(StageContext ctx) throws Exception {
        HfPushRunConfig cfg = (HfPushRunConfig) ctx.spec().stage();
        BundleExporter.Result r = BundleExporter.export(ctx.lake(), ctx.inLake(cfg.ckptPath()),
                cfg.outputDir() == null ? null : Path.of(cfg.outputDir()));
        HubUploader.Outcome up = HubUploader.maybeUpload(System.getenv(), r.dir(), cfg.repoId());
        ctx.log().println("graphids: " + up.message());
        ctx.log().flush();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("stage", "hf_push");
        details.put("model", r.modelType());
        details.put("bundle_dir", r.dir().toString());
        details.put("sha256", r.sha256());
        details.put("uploaded", up.uploaded());
        details.put("upload", up.message());
        ctx.tags().set(Map.of("graphids.model", r.modelType(), "graphids.bundle_dir", r.dir().toString()));
        return new StageResult(details, Map.of("hf_push/uploaded", up.uploaded() ? 1.0 : 0.0));
    }
}
