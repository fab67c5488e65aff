package dev.graphids.fusion;

import dev.graphids.fusion.state.StateLayout;
import java.util.SplittableRandom;

/**
 * A ring buffer of one-step transitions (observation, arm, reward); each graph is its own terminal episode, so
 * there is no next observation to keep. Sampling is uniform with replacement, as torchrl's RandomSampler.
 */
final class ReplayBuffer {
    private final int capacity;
    private final float[] obs;
    private final int[] action;
    private final float[] reward;
    private int size;
    private int next;

    ReplayBuffer(int capacity) {
        this.capacity = capacity;
        this.obs = new float[capacity * StateLayout.DIM];
        this.action = new int[capacity];
        this.reward = new float[capacity];
    }

    void add(float[] observations, int row, int arm, double r) {
        System.arraycopy(observations, row * StateLayout.DIM, obs, next * StateLayout.DIM, StateLayout.DIM);
        action[next] = arm;
        reward[next] = (float) r;
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    /** Buffer positions of the last {@code k} transitions added, oldest first. */
    int[] latest(int k) {
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) {
            idx[i] = Math.floorMod(next - k + i, capacity);
        }
        return idx;
    }

    int size() {
        return size;
    }

    int[] sample(int k, SplittableRandom random) {
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) {
            idx[i] = random.nextInt(size);
        }
        return idx;
    }

    float[] observations(int[] idx) {
        return FusionData.rows(obs, idx);
    }

    int action(int i) {
        return action[i];
    }

    float reward(int i) {
        return reward[i];
    }

    /** A uniform minibatch of k transitions: observations [k·DIM] row-major, chosen arms and rewards. */
    record Batch(float[] observations, long[] actions, float[] rewards) {
        int size() {
            return actions.length;
        }
    }

    Batch sampleBatch(int k, SplittableRandom random) {
        int[] idx = sample(k, random);
        long[] actions = new long[k];
        float[] rewards = new float[k];
        for (int j = 0; j < k; j++) {
            actions[j] = action(idx[j]);
            rewards[j] = reward(idx[j]);
        }
        return new Batch(observations(idx), actions, rewards);
    }
}
