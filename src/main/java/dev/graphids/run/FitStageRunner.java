package dev.graphids.run;

/** The {@code fit} stage: trains the configured model on the training split, validating every epoch. */
final class FitStageRunner implements StageRunner {
    @Override
    public StageResult run(StageContext ctx) throws Exception {
        FitRunConfig fit = (FitRunConfig) ctx.spec().stage();
        return ModelRuns.fit(ctx, CacheStageRunner.ensureCache(ctx, fit.data()).cache(), fit, fit.seed(ctx.spec().config().seed()));
    }
}
