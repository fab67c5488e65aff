/** Deep Graph Infomax detector with an OCGIN-style centre-distance score (models.md §3.7). */
package dev.graphids.model.dgi;
