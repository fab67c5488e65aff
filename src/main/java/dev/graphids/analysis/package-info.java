/**
 * The {@code analyze} stage (runtime.md §8): what a trained detector learned, on the validation split of its graph
 * cache. {@link dev.graphids.analysis.Analyzer} runs the enabled artifacts in a fixed order — embeddings (with an
 * exact {@link dev.graphids.analysis.Pca}), GAT attention, {@link dev.graphids.analysis.Cka} between a teacher and a
 * student GAT, a loss landscape along {@link dev.graphids.analysis.FilterNormalisation filter-normalised} directions,
 * a fusion model's policy read from its predictions — and writes {@link dev.graphids.analysis.AnalysisManifest} last.
 * Data files are safetensors, JSON or CSV (Python-readable, see docs/analysis.md); every artifact has a PNG.
 * Reports over run directories live in {@code analysis.report}, charts in {@code analysis.plot}.
 */
package dev.graphids.analysis;
