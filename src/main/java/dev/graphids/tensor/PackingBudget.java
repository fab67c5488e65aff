package dev.graphids.tensor;

/**
 * Node and edge budget of one packed batch (models.md §8.8, data.md §5.2).
 *
 * @param nodes largest node sum of a batch
 * @param edges largest edge sum of a batch
 */
public record PackingBudget(long nodes, long edges) {
    private static final double NO_GPU_FREE_BYTES = 8.0 * (1L << 30);

    public PackingBudget {
        if (nodes < 1 || edges < 1) {
            throw new IllegalArgumentException("packing budget must be positive, found nodes " + nodes + ", edges "
                    + edges);
        }
    }

    /**
     * The original's heuristic path without CUDA (data.md §5.2): free = 8 GiB, usable = 0.95·0.85·free,
     * epn = max(1, E/N), budget = max(maxNodes, usable / (256 KiB + epn·32 KiB)); with minSteps > 1 the budget is
     * capped at totalNodes / minSteps when that cap exceeds the largest graph; edge budget =
     * max(maxEdges, budget·epn·1.1).
     */
    public static PackingBudget heuristic(long totalNodes, long totalEdges, long maxNodes, long maxEdges,
                                          int minSteps) {
        double usable = NO_GPU_FREE_BYTES * 0.85 * 0.95;
        double epn = Math.max(1.0, totalNodes == 0 ? 1.0 : (double) totalEdges / totalNodes);
        long budget = Math.max(maxNodes, (long) (usable / (256 * 1024 + epn * 32 * 1024)));
        if (minSteps > 1) {
            long cap = totalNodes / minSteps;
            if (cap > maxNodes) {
                budget = Math.min(budget, cap);
            }
        }
        long edges = Math.max(maxEdges, (long) (budget * epn * 1.1));
        return new PackingBudget(Math.max(1, budget), Math.max(1, edges));
    }
}
