/**
 * Fusion of the GAT classifier and the VGAE detector (models.md §4, Decision 3): fusers that learn, per window
 * graph, how much to trust each model from the 18-dimensional fusion state that the {@code extract} stage wrote
 * ({@link dev.graphids.fusion.state}). Supervised fusers (weighted average, MLP, mixture of experts) and RL fusers
 * (DQN, Neural-LinUCB bandit) over 21 blend weights α; every method decides with the same rule at training and at
 * evaluation time: {@code fused = (1−α)·anomaly + α·gat_prob > 0.5}. See docs/fusion.md.
 */
package dev.graphids.fusion;
