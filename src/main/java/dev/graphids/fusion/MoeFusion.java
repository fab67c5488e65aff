package dev.graphids.fusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import dev.graphids.fusion.state.StateLayout;
import dev.graphids.model.layer.Mlp;
import dev.graphids.model.layer.Scalars;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code moe} (models.md §4.4): K dense soft-gated experts shaped like the MLP, gate {@code 18 → 32 → K} with
 * softmax, {@code score = Σ_k g_k·σ(expert_k)}; loss BCE + {@code aux_weight·K·Σ_k P_k²}, P_k the batch-mean gate
 * weight (Switch-style load balance; aux_weight 0 is the original's moe_noaux). K = 3 gives 10,694 parameters.
 */
final class MoeFusion extends SupervisedFusion {
    private final List<Mlp> experts = new ArrayList<>();
    private final Mlp gate;

    MoeFusion(FusionConfig config, NDManager parent, long seed) {
        super(config, parent, seed);
        for (int k = 0; k < config.experts(); k++) {
            experts.add(new Mlp(params, "experts." + k, config.dropout(), StateLayout.DIM, 64, 32, 1));
        }
        gate = new Mlp(params, "gate", config.dropout(), StateLayout.DIM, 32, config.experts());
    }

    @Override
    Forward forward(NDArray x, boolean training) {
        NDList outs = new NDList();
        for (Mlp e : experts) {
            outs.add(Activation.sigmoid(e.forward(x, training)));
        }
        NDArray expertProbs = NDArrays.concat(outs, 1); // [B, K]
        NDArray g = gate.forward(x, training).softmax(1); // [B, K]
        NDArray score = g.mul(expertProbs).sum(new int[] {1});
        int k = experts.size();
        NDArray usage = g.mean(new int[] {0}); // P_k
        NDArray aux = Scalars.times(usage.square().sum(), config.auxWeight() * k);
        Map<String, NDArray> logged = new LinkedHashMap<>();
        logged.put("aux", aux);
        logged.put("gate_entropy", g.mul(g.add(1e-8f).log()).sum(new int[] {1}).mean().neg());
        for (int i = 0; i < k; i++) {
            logged.put("expert_usage_" + i, usage.get(i));
        }
        // Mean over the batch of the std of the experts' probabilities: how much the experts disagree.
        NDArray mean = expertProbs.mean(new int[] {1}, true);
        logged.put("expert_disagreement", expertProbs.sub(mean).square().mean(new int[] {1}).sqrt().mean());
        return new Forward(score, config.auxWeight() > 0 ? aux : null, logged);
    }
}
