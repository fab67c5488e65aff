/** The GATv2 graph classifier with LSTM jumping knowledge (models.md §2). */
package dev.graphids.model.gat;
