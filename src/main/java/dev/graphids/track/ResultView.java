package dev.graphids.track;

import java.util.List;
import java.util.Map;

/**
 * A named result view (runtime.md §4.7): which runs ({@code filter}: tag suffix → value, matched against tags
 * {@code graphids.<suffix>}) and which metrics, in display order.
 */
public record ResultView(String name, Map<String, String> filter, List<String> metrics) {
    public ResultView {
        filter = Map.copyOf(filter);
        metrics = List.copyOf(metrics);
    }

    /** The phase the view selects: {@code filter.phase}, else {@code test} (as the original). */
    public String phase() {
        return filter.getOrDefault("phase", "test");
    }
}
