package dev.graphids.analysis;

import java.util.List;

/** One analysis artifact: its data files and plots, written into the analysis directory. */
interface Artifact {
    /** The toggle's name ({@code embeddings}, {@code attention}, ...). */
    String name();

    /** File names this artifact writes (data files first, then PNGs). */
    List<String> outputs(String modelType);

    void write(AnalysisContext ctx) throws Exception;
}
