/**
 * {@code graphids exp report}: one self-contained HTML page (plots embedded as data URIs) and a Markdown twin over
 * run directories — config, metrics per split recomputed from the prediction files, plots, and a comparison across
 * runs. Reads run directories only; needs neither the tracking store nor the tensor engine.
 */
package dev.graphids.analysis.report;
