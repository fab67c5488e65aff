package dev.graphids.run;

/** The {@code test} stage: scores every test folder with a checkpoint, at the threshold chosen on validation. */
final class TestStageRunner implements StageRunner {
    @Override
    public StageResult run(StageContext ctx) throws Exception {
        FitRunConfig fit = (FitRunConfig) ctx.spec().stage();
        return ModelRuns.test(ctx, CacheStageRunner.ensureCache(ctx, fit.data()).cache(), fit, fit.seed(ctx.spec().config().seed()));
    }
}
