package dev.graphids.run;

/** Runs one stage of an experiment. */
@FunctionalInterface
public interface StageRunner {
    StageResult run(StageContext context) throws Exception;
}
