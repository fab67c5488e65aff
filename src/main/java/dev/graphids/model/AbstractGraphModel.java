package dev.graphids.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.graphids.tensor.BatchTensors;
import dev.graphids.tensor.Engines;
import dev.graphids.tensor.GraphBatch;
import java.util.function.Function;

/** Scoping and the generic training step shared by the models. */
public abstract class AbstractGraphModel implements GraphModel {
    protected final NDManager parent;
    protected final ParameterStore params;
    protected final DataDims dims;

    protected AbstractGraphModel(NDManager parent, DataDims dims, long seed) {
        this.parent = parent;
        this.dims = dims;
        this.params = new ParameterStore(parent, seed);
    }

    @Override
    public DataDims dims() {
        return dims;
    }

    @Override
    public ParameterStore parameters() {
        return params;
    }

    /** The scalar training loss of a batch. */
    protected abstract NDArray loss(BatchTensors t, boolean training);

    @Override
    public double trainStep(GraphBatch batch, Adam optimizer) {
        try (NDManager step = parent.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            BatchTensors t = batch.tensors(step);
            double value;
            try (GradientCollector gc = Engine.getEngine(Engines.PYTORCH).newGradientCollector()) {
                NDArray loss = loss(t, true);
                value = loss.getFloat();
                if (!Double.isFinite(value)) {
                    throw new ArithmeticException(type() + ": non-finite training loss " + value);
                }
                gc.backward(loss);
            }
            if (!Double.isFinite(optimizer.step())) {
                throw new ArithmeticException(type() + ": non-finite gradient norm (nothing was updated)");
            }
            afterStep();
            return value;
        }
    }

    /** Steps state trained beside the model's own parameters (a distillation projection); nothing by default. */
    protected void afterStep() {
    }

    @Override
    public double evalLoss(GraphBatch batch) {
        return inStep(batch, t -> (double) loss(t, false).getFloat());
    }

    /** Runs {@code body} on the batch's tensors in a fresh step manager and scope; the result must be host data. */
    protected <T> T inStep(GraphBatch batch, Function<BatchTensors, T> body) {
        try (NDManager step = parent.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return body.apply(batch.tensors(step));
        }
    }

    @Override
    public void close() {
        params.close();
    }
}
