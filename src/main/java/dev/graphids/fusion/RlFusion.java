package dev.graphids.fusion;

import dev.graphids.model.Adam;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The RL fusers' episode loop (models.md §4.5, Decision 3): the training split is cut into shuffled episodes of
 * {@code episode_size} graphs; per episode the policy picks one of 21 arms α ∈ {0, 0.05, …, 1} per graph (with
 * exploration), each graph is rewarded for the blended decision {@link DecisionRule}, the transitions go to the
 * replay buffer and the policy learns. {@code train_loss} and {@code val_loss} are the negated mean rewards, so that
 * early stopping on {@code val_loss} keeps the policy with the best validation reward.
 */
abstract class RlFusion extends FusionModel {
    static final int ARMS = 21;
    final ReplayBuffer buffer;
    final SplittableRandom random;

    RlFusion(FusionConfig config, ai.djl.ndarray.NDManager parent, long seed) {
        super(config, parent, seed);
        buffer = new ReplayBuffer(config.bufferSize());
        random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    static double alphaOf(int arm) {
        return arm / (double) (ARMS - 1);
    }

    /** The arm of each row of {@code obs} (row-major [n, 18], normalised). */
    abstract int[] act(float[] obs, int n, boolean explore);

    /** Learning after an episode's transitions are in the buffer; returns metrics (e.g. {@code loss}). */
    abstract Map<String, Double> learn(Adam optimizer, int episodeSize);

    @Override
    public Map<String, Double> trainEpoch(FusionData train, Adam optimizer, long seed, int epoch) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
        Reward reward = config.rewardKind();
        double[] termSums = new double[reward.components().size()];
        double rewardSum = 0;
        double alphaSum = 0;
        Map<String, Double> learned = new LinkedHashMap<>();
        int episodes = 0;
        for (int from = 0; from < order.size(); from += config.episodeSize()) {
            int[] idx = order.subList(from, Math.min(order.size(), from + config.episodeSize())).stream()
                    .mapToInt(Integer::intValue).toArray();
            float[] obs = FusionData.rows(train.normalized(), idx);
            int[] arms = act(obs, idx.length, true);
            for (int k = 0; k < idx.length; k++) {
                int i = idx[k];
                double alpha = alphaOf(arms[k]);
                double[] terms = reward.terms(train.labels()[i], alpha, train.anomaly()[i], train.gatProb()[i],
                        train.vgaeConf()[i], train.gatConf()[i]);
                double r = 0;
                for (int t = 0; t < terms.length; t++) {
                    r += terms[t];
                    termSums[t] += terms[t];
                }
                rewardSum += r;
                alphaSum += alpha;
                buffer.add(obs, k, arms[k], r);
            }
            learn(optimizer, idx.length).forEach((k, v) -> learned.merge(k, v, Double::sum));
            episodes++;
        }
        int n = Math.max(1, train.size());
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("train_loss", -rewardSum / n);
        m.put("avg_reward", rewardSum / n);
        m.put("avg_alpha", alphaSum / n);
        for (int t = 0; t < termSums.length; t++) {
            m.put("r_" + reward.components().get(t), termSums[t] / n);
        }
        int e = Math.max(1, episodes);
        learned.forEach((k, v) -> m.put(k, v / e));
        return m;
    }

    @Override
    public FusionOutput predict(FusionData data) {
        int[] arms = act(data.normalized(), data.size(), false);
        double[] score = new double[data.size()];
        double[] alpha = new double[data.size()];
        for (int i = 0; i < score.length; i++) {
            alpha[i] = alphaOf(arms[i]);
            score[i] = DecisionRule.fused(alpha[i], data.anomaly()[i], data.gatProb()[i]);
        }
        return new FusionOutput(score, alpha, data.anomaly().clone());
    }

    @Override
    public Map<String, Double> validationMetrics(FusionData val, FusionOutput out) {
        Reward reward = config.rewardKind();
        double[] termSums = new double[reward.components().size()];
        double sum = 0;
        double alphaSum = 0;
        for (int i = 0; i < val.size(); i++) {
            double[] terms = reward.terms(val.labels()[i], out.alpha()[i], val.anomaly()[i], val.gatProb()[i],
                    val.vgaeConf()[i], val.gatConf()[i]);
            for (int t = 0; t < terms.length; t++) {
                sum += terms[t];
                termSums[t] += terms[t];
            }
            alphaSum += out.alpha()[i];
        }
        int n = Math.max(1, val.size());
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("val_loss", -sum / n);
        m.put("val_avg_reward", sum / n);
        m.put("val_avg_alpha", alphaSum / n);
        for (int t = 0; t < termSums.length; t++) {
            m.put("val_r_" + reward.components().get(t), termSums[t] / n);
        }
        return m;
    }
}
