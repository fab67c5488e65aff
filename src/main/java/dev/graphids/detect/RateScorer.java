package dev.graphids.detect;

import dev.graphids.graph.FrameWindow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rate baseline on raw windows: score = −Σ iat over the window's W − 1 consecutive pairs, each iat cast to
 * float32 before summing in double, which is exactly what {@code RateBaseline} sums from the cache's edge features
 * (same values, same order), without building the graph. Suspects: the IDs with the most frames in the window
 * (weight = their share of its frames), the ones that raise its rate.
 */
final class RateScorer implements WindowScorer {
    private List<FrameWindow> last = List.of();

    static double score(FrameWindow w) {
        double span = 0;
        for (int t = 1; t < w.size(); t++) {
            span += (float) (w.timestamp(t) - w.timestamp(t - 1));
        }
        return -span;
    }

    @Override
    public double[] score(List<FrameWindow> windows) {
        last = windows;
        double[] out = new double[windows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = score(windows.get(i));
        }
        return out;
    }

    @Override
    public List<SuspectId> suspects(int i, int k) {
        FrameWindow w = last.get(i);
        Map<Integer, Integer> counts = new HashMap<>();
        for (int r = 0; r < w.size(); r++) {
            counts.merge(w.canId(r), 1, Integer::sum);
        }
        List<SuspectId> out = new ArrayList<>();
        counts.forEach((id, c) -> out.add(new SuspectId(id, (double) c / w.size())));
        out.sort(Comparator.comparingDouble(SuspectId::weight).reversed().thenComparingInt(SuspectId::canId));
        return out.subList(0, Math.min(k, out.size()));
    }

    @Override
    public void close() {
    }
}
