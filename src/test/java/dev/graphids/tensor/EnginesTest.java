package dev.graphids.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.graphids.error.GraphidsException;
import org.junit.jupiter.api.Test;

class EnginesTest {
    @Test
    void cpuPreflightLoadsTheEngineAndSetsThreads() {
        assertThat(Engines.preflight(Accelerator.CPU, 1)).isEqualTo(Device.cpu());
        assertThat(Engines.threads()).isEqualTo(1);
        assertThat(Accelerator.parse("GPU")).isEqualTo(Accelerator.GPU);
        assertThatThrownBy(() -> Accelerator.parse("tpu")).isInstanceOf(GraphidsException.class)
                .hasMessageContaining("expected cpu or gpu");
    }

    @Test
    void gpuPreflightWithoutACudaDeviceIsAClearEnvironmentError() {
        Engines.preflight(Accelerator.CPU, 1);
        assumeTrue(Engine.getEngine(Engines.PYTORCH).getGpuCount() == 0, "a CUDA device is present");
        assertThatThrownBy(() -> Engines.preflight(Accelerator.GPU, 1)).isInstanceOf(GraphidsException.class)
                .hasMessageContaining("sees no CUDA device")
                .satisfies(e -> assertThat(((GraphidsException) e).exitCode())
                        .isEqualTo(GraphidsException.EXIT_ENVIRONMENT));
    }
}
