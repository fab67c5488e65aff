/** The masked VGAE anomaly detector and its calibrated four-part anomaly score (models.md §3). */
package dev.graphids.model.vgae;
