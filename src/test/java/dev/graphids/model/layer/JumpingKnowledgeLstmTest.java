package dev.graphids.model.layer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.graphids.model.ParameterStore;
import dev.graphids.tensor.Accelerator;
import dev.graphids.tensor.Engines;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fused libtorch LSTM reads the parameters in PyTorch's order (w_ih, w_hh, b_ih, b_hh; gates i, f, g, o). */
class JumpingKnowledgeLstmTest {
    @Test
    void fusedBidirectionalLstmMatchesAStepByStepReference() {
        Engines.preflight(Accelerator.CPU, 1);
        int layers = 3;
        int c = 4;
        try (NDManager root = NDManager.newBaseManager(); ParameterStore ps = new ParameterStore(root, 9)) {
            JumpingKnowledgeLstm jk = new JumpingKnowledgeLstm(ps, "jk", c, layers);
            List<NDArray> xs = new ArrayList<>();
            for (int l = 0; l < layers; l++) {
                xs.add(root.randomNormal(new Shape(2, 5, c)));
            }
            float[] fused = jk.forward(xs).toFloatArray();
            long hid = layers * c / 2;
            NDArray seq = NDArrays.stack(new NDList(xs), 2).reshape(10, layers, c);
            NDArray[] fwd = run(ps, seq, "_l0", hid, false);
            NDArray[] bwd = run(ps, seq, "_l0_reverse", hid, true);
            List<NDArray> scores = new ArrayList<>();
            for (int t = 0; t < layers; t++) {
                NDArray o = NDArrays.concat(new NDList(fwd[t], bwd[t]), 1);
                scores.add(o.matMul(ps.get("jk.att.weight").transpose()).add(ps.get("jk.att.bias")));
            }
            NDArray alpha = NDArrays.concat(new NDList(scores), 1).softmax(1); // [M, L]
            float[] ref = seq.mul(alpha.expandDims(2)).sum(new int[] {1}).toFloatArray();
            assertThat(fused).hasSameSizeAs(ref);
            for (int i = 0; i < ref.length; i++) {
                assertThat(fused[i]).isCloseTo(ref[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    private static NDArray[] run(ParameterStore ps, NDArray seq, String sfx, long hid, boolean reverse) {
        long m = seq.getShape().get(0);
        int steps = (int) seq.getShape().get(1);
        NDArray h = seq.getManager().zeros(new Shape(m, hid));
        NDArray cell = seq.getManager().zeros(new Shape(m, hid));
        NDArray[] out = new NDArray[steps];
        for (int k = 0; k < steps; k++) {
            int t = reverse ? steps - 1 - k : k;
            NDArray x = seq.get(":, " + t + ", :");
            NDArray gates = x.matMul(ps.get("jk.lstm.weight_ih" + sfx).transpose()).add(ps.get("jk.lstm.bias_ih" + sfx))
                    .add(h.matMul(ps.get("jk.lstm.weight_hh" + sfx).transpose())).add(ps.get("jk.lstm.bias_hh" + sfx));
            NDList parts = gates.split(4, 1);
            NDArray i = Activation.sigmoid(parts.get(0));
            NDArray f = Activation.sigmoid(parts.get(1));
            NDArray g = parts.get(2).tanh();
            NDArray o = Activation.sigmoid(parts.get(3));
            cell = f.mul(cell).add(i.mul(g));
            h = o.mul(cell.tanh());
            out[t] = h;
        }
        return out;
    }
}
