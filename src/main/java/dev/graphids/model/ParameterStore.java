package dev.graphids.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.graphids.error.GraphidsException;
import dev.graphids.io.Safetensors;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The named tensors of a model: trainable parameters (gradients attached) and buffers (calibration state, not
 * trained), in insertion order, all on one long-lived manager. Names follow PyTorch {@code state_dict} style
 * ({@code convs.0.lin_l.weight}); linear weights are stored [out, in] as in PyTorch. Initial values come from a
 * Java {@link SplittableRandom} seeded by the model config, so initialisation never depends on engine state.
 */
public final class ParameterStore implements AutoCloseable {
    private final NDManager manager;
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();
    private final Map<String, NDArray> buffers = new LinkedHashMap<>();
    private final SplittableRandom random;

    public ParameterStore(NDManager parent, long seed) {
        this.manager = parent.newSubManager();
        this.random = new SplittableRandom(seed);
    }

    /** The manager every parameter and buffer belongs to. */
    public NDManager manager() {
        return manager;
    }

    /** Trainable parameters by name (unmodifiable, insertion order). */
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** Non-trainable buffers by name (unmodifiable). */
    public Map<String, NDArray> buffers() {
        return Collections.unmodifiableMap(buffers);
    }

    public NDArray get(String name) {
        NDArray a = parameters.get(name);
        if (a == null) {
            a = buffers.get(name);
        }
        if (a == null) {
            throw new IllegalArgumentException("no parameter or buffer '" + name + "'");
        }
        return a;
    }

    /** Number of trainable scalars whose names do not start with any of {@code excludedPrefixes}. */
    public long count(String... excludedPrefixes) {
        long total = 0;
        outer:
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            for (String p : excludedPrefixes) {
                if (e.getKey().startsWith(p)) {
                    continue outer;
                }
            }
            total += e.getValue().size();
        }
        return total;
    }

    /** A trainable parameter with the given values. */
    public NDArray parameter(String name, float[] values, Shape shape) {
        if (parameters.containsKey(name) || buffers.containsKey(name)) {
            throw new IllegalArgumentException("duplicate parameter '" + name + "'");
        }
        NDArray a = manager.create(values, shape);
        a.setName(name);
        a.setRequiresGradient(true);
        parameters.put(name, a);
        return a;
    }

    /** A buffer (not trained; saved and loaded with the parameters). */
    public NDArray buffer(String name, float[] values, Shape shape) {
        if (parameters.containsKey(name) || buffers.containsKey(name)) {
            throw new IllegalArgumentException("duplicate buffer '" + name + "'");
        }
        NDArray a = manager.create(values, shape);
        a.setName(name);
        buffers.put(name, a);
        return a;
    }

    /** U(−bound, bound). */
    public NDArray uniform(String name, double bound, Shape shape) {
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return parameter(name, v, shape);
    }

    /** Glorot/Xavier uniform for a [out, in] (or [1, H, C]) weight: bound √(6 / (fanIn + fanOut)). */
    public NDArray glorot(String name, long fanIn, long fanOut, Shape shape) {
        return uniform(name, Math.sqrt(6.0 / (fanIn + fanOut)), shape);
    }

    /** N(0, std²). */
    public NDArray normal(String name, double std, Shape shape) {
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (gaussian() * std);
        }
        return parameter(name, v, shape);
    }

    private double gaussian() {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    public NDArray constant(String name, float value, Shape shape) {
        float[] v = new float[(int) shape.size()];
        Arrays.fill(v, value);
        return parameter(name, v, shape);
    }

    /** Every parameter and buffer as F32 safetensors entries (host copies). */
    public List<Safetensors.Tensor> toTensors() {
        List<Safetensors.Tensor> out = new ArrayList<>();
        for (Map<String, NDArray> m : List.of(parameters, buffers)) {
            m.forEach((name, a) -> out.add(Safetensors.Tensor.f32(name, a.toFloatArray(), a.getShape().getShape())));
        }
        return out;
    }

    /** Writes all parameters and buffers to a safetensors file (atomically). */
    public void save(Path file, Map<String, String> metadata) throws IOException {
        Safetensors.write(file, toTensors(), metadata);
    }

    /**
     * Loads every parameter and buffer from a safetensors file, strictly: the names must match exactly and each
     * shape must agree.
     */
    public void load(Path file) throws IOException {
        Safetensors.MappedFile f = Safetensors.map(file);
        List<String> expected = new ArrayList<>(parameters.keySet());
        expected.addAll(buffers.keySet());
        List<String> found = f.names();
        if (!new java.util.HashSet<>(expected).equals(new java.util.HashSet<>(found))) {
            List<String> missing = new ArrayList<>(expected);
            missing.removeAll(found);
            List<String> unexpected = new ArrayList<>(found);
            unexpected.removeAll(expected);
            throw GraphidsException.usage(file + ": weights do not fit the model: missing " + missing
                    + ", unexpected " + unexpected);
        }
        for (String name : expected) {
            NDArray a = get(name);
            long[] shape = f.shape(name);
            if (!Arrays.equals(shape, a.getShape().getShape())) {
                throw GraphidsException.usage(file + ": " + name + " has shape " + Arrays.toString(shape)
                        + ", the model expects " + a.getShape());
            }
            if (!f.dtype(name).equals("F32") || a.getDataType() != DataType.FLOAT32) {
                throw GraphidsException.usage(file + ": " + name + " is " + f.dtype(name) + ", expected F32");
            }
            a.set(FloatBuffer.wrap(f.floatArray(name)));
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
