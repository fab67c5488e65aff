package dev.graphids.fusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.graphids.error.GraphidsException;
import dev.graphids.eval.ScoreSweep;
import dev.graphids.eval.SplitData;
import dev.graphids.eval.StreamCalibration;
import dev.graphids.fusion.state.StateLayout;
import dev.graphids.model.Adam;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code max_sigma}: the VGAE's max-σ rule (models.md §3.5) applied across detectors. Each input is standardised by
 * its mean and (unbiased) standard deviation over the <em>benign</em> fusion_train graphs, and a graph's score is the
 * largest standardised input — it alarms when any detector finds the graph more unusual than benign traffic. Nothing
 * is learnt from attacks, so it cannot learn "trust the GAT" from fusion graphs that hold only the GAT's training
 * attacks, which is what the learnt fusers do. Closed form: one pass, no gradient step; the statistics are buffers of
 * the checkpoint. The GAT enters as the logit of p(attack) (clamped to [1e-7, 1 − 1e-7]); the VGAE inputs are its
 * score components from the state; {@code rate} is the rate baseline's score, which the extract stage writes beside
 * the state, so that the simplest baseline can be fused and compared the same way.
 *
 * <p>An input may be a group of names joined by {@code &} ({@code gat&rate}): the group's value is the smallest of its
 * members' standardised values, so it alarms only where all of them do. Two detectors of the same attacks that err
 * on different benign windows (the GAT and the frame rate on another vehicle's traffic) then raise fewer false alarms
 * than either alone.
 */
final class MaxSigmaFusion extends FusionModel {
    /** Measured on hcrl_sa (docs/results.md): the VGAE's reconstruction error raises false alarms on an unseen car. */
    static final List<String> DEFAULT_INPUTS = List.of("gat", "rq");
    /** Input name → its dimension of the fusion state ({@link #RATE_INPUT} for the rate baseline's score). */
    static final Map<String, Integer> INPUTS = inputs();
    private static final int RATE_INPUT = -1;
    /** Inputs that only rise on attacks: their stream level may fall below the benign training mean. */
    private static final Set<String> RISE_ON_ATTACKS = Set.of("gat", "rate");

    private static final double MIN_P = 1e-7;
    /** Every input name, groups flattened, in order: one mean and std each. */
    private final List<String> names;
    /** Per configured input, the indices into {@link #names} of its members. */
    private final int[][] groups;
    private final NDArray mean;
    private final NDArray std;

    MaxSigmaFusion(FusionConfig config, NDManager parent, long seed) {
        super(config, parent, seed);
        names = members(config.inputs());
        groups = new int[config.inputs().size()][];
        int next = 0;
        for (int g = 0; g < groups.length; g++) {
            int size = members(List.of(config.inputs().get(g))).size();
            groups[g] = new int[size];
            for (int m = 0; m < size; m++) {
                groups[g][m] = next++;
            }
        }
        float[] ones = new float[names.size()];
        Arrays.fill(ones, 1f);
        mean = params.buffer("mean", new float[names.size()], new Shape(names.size()));
        std = params.buffer("std", ones, new Shape(names.size()));
    }

    private static Map<String, Integer> inputs() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("gat", StateLayout.GAT_P_ATTACK);
        m.put("recon", StateLayout.RECON);
        m.put("mahal", StateLayout.MAHAL);
        m.put("kl", StateLayout.KL);
        m.put("affinity", StateLayout.AFFINITY);
        m.put("rq", StateLayout.RQ);
        m.put("spike", StateLayout.SPIKE);
        m.put("rate", RATE_INPUT);
        return Collections.unmodifiableMap(m);
    }

    /** The input names of {@code inputs}, each group split into its members ({@code gat&rate} → gat, rate). */
    static List<String> members(List<String> inputs) {
        return inputs.stream().flatMap(i -> Arrays.stream(i.split("&", -1))).map(String::trim).toList();
    }

    /** Input {@code k} of graph {@code row}. */
    private double value(FusionData data, int row, int k) {
        int dim = INPUTS.get(names.get(k));
        if (dim == RATE_INPUT) {
            if (data.rate() == null) {
                throw GraphidsException.usage("max_sigma input rate: these fusion states have no " + StateLayout.RATE
                        + " (extracted by an older GraphIDS); run the extract stage again");
            }
            return data.rate()[row];
        }
        double v = data.raw()[row * StateLayout.DIM + dim];
        if (names.get(k).equals("gat")) {
            double p = Math.min(1 - MIN_P, Math.max(MIN_P, v));
            return Math.log(p) - Math.log1p(-p);
        }
        return v;
    }

    /** Fits the benign statistics (the same every epoch: the trainer stops after the first, see closedForm). */
    @Override
    public Map<String, Double> trainEpoch(FusionData train, Adam optimizer, long seed, int epoch) {
        int k = names.size();
        double[] sum = new double[k];
        double[] sq = new double[k];
        int benign = 0;
        for (int i = 0; i < train.size(); i++) {
            if (train.labels()[i] != 0) {
                continue;
            }
            benign++;
            for (int j = 0; j < k; j++) {
                double v = value(train, i, j);
                sum[j] += v;
                sq[j] += v * v;
            }
        }
        if (benign < 2) {
            throw GraphidsException.usage("max_sigma fusion standardises its inputs on benign fusion_train graphs; "
                    + "the states hold " + benign + " (needs at least 2)");
        }
        float[] m = new float[k];
        float[] s = new float[k];
        for (int j = 0; j < k; j++) {
            m[j] = (float) (sum[j] / benign);
            s[j] = (float) Math.sqrt(Math.max((sq[j] - benign * (double) m[j] * m[j]) / (benign - 1), 0));
        }
        mean.set(FloatBuffer.wrap(m));
        std.set(FloatBuffer.wrap(s));
        return Map.of("train_loss", rankLoss(train, predict(train)));
    }

    @Override
    public boolean closedForm() {
        return true;
    }

    @Override
    public FusionOutput predict(FusionData data) {
        return new FusionOutput(combine(standardised(data)), null, null);
    }

    /**
     * Each input relative to its stream before the groups and the maximum are taken. The GAT and the frame rate
     * rise on every attack, so their stream level is taken as it comes (another vehicle's busier bus or higher GAT
     * logits become its own benign level); the VGAE components can also fall on attacks (the Rayleigh quotient does
     * on fuzzing), so their level is never taken below the benign training mean, lest a stream full of such attacks
     * lift its benign windows.
     */
    @Override
    public FusionOutput predictRelativeToStreams(FusionData data, SplitData streams, StreamCalibration calibration) {
        double[][] z = standardised(data);
        for (int j = 0; j < z.length; j++) {
            z[j] = calibration.relative(streams, z[j], v -> v, floor(j));
        }
        return new FusionOutput(combine(z), null, null);
    }

    @Override
    public StreamScorer streamScorer(StreamCalibration calibration) {
        StreamCalibration.Online[] levels = new StreamCalibration.Online[names.size()];
        for (int j = 0; j < levels.length; j++) {
            levels[j] = calibration.online(v -> v, floor(j));
        }
        return new StreamScorer() {
            @Override
            public double[] next(FusionData data) {
                return relative(data, true);
            }

            @Override
            public double[] peek(FusionData data) {
                return relative(data, false);
            }

            private double[] relative(FusionData data, boolean advance) {
                double[][] z = standardised(data);
                for (int j = 0; j < z.length; j++) {
                    for (int i = 0; i < z[j].length; i++) {
                        z[j][i] = advance ? levels[j].next(z[j][i]) : levels[j].peek(z[j][i]);
                    }
                }
                return combine(z);
            }
        };
    }

    /** The lowest stream level input {@code j} may take (see {@link #predictRelativeToStreams}). */
    private double floor(int j) {
        return RISE_ON_ATTACKS.contains(names.get(j)) ? Double.NEGATIVE_INFINITY : 0;
    }

    /** Every input's standardised value, {@code [input][graph]} (groups flattened, as in {@link #names}). */
    private double[][] standardised(FusionData data) {
        float[] m = mean.toFloatArray();
        float[] s = std.toFloatArray();
        double[][] z = new double[names.size()][data.size()];
        for (int j = 0; j < z.length; j++) {
            for (int i = 0; i < data.size(); i++) {
                z[j][i] = (value(data, i, j) - m[j]) / (s[j] + 1e-6);
            }
        }
        return z;
    }

    /** The largest over the configured inputs of each group's smallest member. */
    private double[] combine(double[][] z) {
        double[] score = new double[z.length == 0 ? 0 : z[0].length];
        for (int i = 0; i < score.length; i++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int[] group : groups) {
                double all = Double.POSITIVE_INFINITY;
                for (int j : group) {
                    all = Math.min(all, z[j][i]);
                }
                best = Math.max(best, all);
            }
            score[i] = best;
        }
        return score;
    }

    /** {@code val_loss} = 1 − AUROC of the fused score (0 where one class is missing: nothing to rank). */
    @Override
    public Map<String, Double> validationMetrics(FusionData val, FusionOutput out) {
        return Map.of("val_loss", rankLoss(val, out));
    }

    private static double rankLoss(FusionData data, FusionOutput out) {
        double auroc = ScoreSweep.of(data.labels(), out.score()).auroc();
        return Double.isNaN(auroc) ? 0 : 1 - auroc;
    }
}
