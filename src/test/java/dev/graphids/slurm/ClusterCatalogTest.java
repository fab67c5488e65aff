package dev.graphids.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphids.lake.Lake;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCatalogTest {
    @TempDir
    Path tmp;

    static final String ONE = """
            {
              "_source": "test",
              "default_cluster": "c",
              "clusters": {
                "c": [
                  {"partition": "p", "cores_per_node": 4, "mem_mb_per_node": 8192, "mem_gb_per_node": 8.0,
                   "mem_gb_per_core": 2.0, "walltime": "1-00:00:00", "walltime_sec": 86400, "gres": "gpu:a100:2",
                   "n_nodes": 3}
                ]
              },
              "defaults": {"c": {"sbatch_clusters": null, "account": "acc", "cpu_partition": "p",
                                 "gpu_partition": "p", "time": "00:20:00"}}
            }
            """;

    @Test
    void shippedCatalogHasTheLocalClusterAndTheOriginalsClusters() {
        ClusterCatalog c = ClusterCatalog.shipped();
        assertThat(c.clusters()).containsKeys("local", "pitzer", "cardinal", "ascend");
        assertThat(c.defaultCluster()).isEqualTo("local");
        ClusterCatalog.Partition gpu = c.partitions("pitzer").stream().filter(p -> p.partition().equals("gpu"))
                .findFirst().orElseThrow();
        assertThat(gpu).extracting("coresPerNode", "memGbPerNode", "walltime", "gres", "nNodes")
                .containsExactly(40, 363.0, "7-00:00:00", "gpu:v100:2", 32);
        assertThat(gpu.gpusPerNode()).isEqualTo(2);
        assertThat(gpu.gpuType()).isEqualTo("v100");
    }

    @Test
    void parsesAndExposesDefaults() {
        ClusterCatalog c = ClusterCatalog.parse(ONE, "one.json");
        assertThat(c.defaultsOf("c").orElseThrow().account()).isEqualTo("acc");
        assertThat(c.partitions("c").get(0).walltimeSec()).isEqualTo(86400L);
    }

    @Test
    void unknownKeyIsRejectedWithItsLine() {
        assertThatThrownBy(() -> ClusterCatalog.parse(ONE.replace("\"n_nodes\": 3", "\"n_nodes\": 3, \"nodes\": 1"),
                "one.json")).hasMessageStartingWith("one.json:8: clusters.c[0].nodes: unknown key 'nodes'");
    }

    @Test
    void inconsistentOrInvalidValuesAreRejectedWithTheirPath() {
        assertThatThrownBy(() -> ClusterCatalog.parse(ONE.replace("86400", "3600"), "one.json"))
                .hasMessageContaining("clusters.c[0].walltime_sec: expected 86400 (walltime 1-00:00:00), found 3600");
        assertThatThrownBy(() -> ClusterCatalog.parse(ONE.replace("\"gpu:a100:2\"", "\"a100\""), "one.json"))
                .hasMessageContaining("clusters.c[0].gres: expected gpu[:type]:count");
        assertThatThrownBy(() -> ClusterCatalog.parse(ONE.replace("\"gpu_partition\": \"p\"",
                "\"gpu_partition\": \"q\""), "one.json"))
                .hasMessageContaining("defaults.c.gpu_partition: no partition 'q' in this cluster");
        assertThatThrownBy(() -> ClusterCatalog.parse(ONE.replace("\"default_cluster\": \"c\"",
                "\"default_cluster\": \"z\""), "one.json")).hasMessageContaining("one.json:3: default_cluster");
        assertThatThrownBy(() -> ClusterCatalog.parse(ONE.replace("\"cores_per_node\": 4", "\"cores_per_node\": 0"),
                "one.json")).hasMessageContaining("cores_per_node: expected >= 1");
        assertThatThrownBy(() -> ClusterCatalog.parse("{\"clusters\": {}}", "e.json"))
                .hasMessageContaining("clusters: is required");
    }

    @Test
    void theLakesCatalogReplacesTheShippedOne() throws Exception {
        Lake lake = Lake.at(tmp);
        assertThat(ClusterCatalog.load(lake).clusters()).containsKey("pitzer");
        Files.writeString(tmp.resolve("clusters.json"), ONE);
        ClusterCatalog c = ClusterCatalog.load(lake);
        assertThat(c.clusters()).containsOnlyKeys("c");
        assertThat(c.origin()).isEqualTo(tmp.resolve("clusters.json").toString());
    }

    @Test
    void slurmTimesParse() {
        assertThat(SlurmTime.seconds("t", "90")).isEqualTo(5400);
        assertThat(SlurmTime.seconds("t", "10:30")).isEqualTo(630);
        assertThat(SlurmTime.seconds("t", "01:00:00")).isEqualTo(3600);
        assertThat(SlurmTime.seconds("t", "2-12")).isEqualTo(2 * 86400 + 12 * 3600);
        assertThat(SlurmTime.seconds("t", "1-00:30")).isEqualTo(86400 + 1800);
        assertThat(SlurmTime.seconds("t", "7-00:00:00")).isEqualTo(7 * 86400);
        assertThatThrownBy(() -> SlurmTime.seconds("t", "1h")).hasMessageContaining("not a SLURM time limit");
        assertThatThrownBy(() -> SlurmTime.seconds("t", "0")).hasMessageContaining("greater than zero");
    }
}
