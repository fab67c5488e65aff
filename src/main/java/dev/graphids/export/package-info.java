/**
 * Model export: {@link dev.graphids.export.BundleExporter} turns a run's checkpoint into a bundle laid out as a
 * Hugging Face model repository (see {@code detect.ModelBundle} for the layout, docs/export.md for the files), and
 * {@link dev.graphids.export.HubUploader} uploads it when a token and the network are there. Used by
 * {@code graphids export} and the {@code hf_push} stage.
 */
package dev.graphids.export;
