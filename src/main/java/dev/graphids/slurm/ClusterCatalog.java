package dev.graphids.slurm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.graphids.error.GraphidsException;
import dev.graphids.lake.Lake;
import dev.graphids.run.YamlLocations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster resource catalog (runtime.md §7.5): per cluster, its partitions with cores and memory per node,
 * walltime and GPUs, in the shape of the original's {@code configs/resources/clusters.json}, plus per-cluster
 * submission defaults (the {@code defaults} block: {@code --clusters} value, account, CPU and GPU partitions,
 * time). The shipped catalog is {@code dev/graphids/slurm/clusters.json}; {@code {lake}/clusters.json} replaces it.
 * Validated on load: every error names the file, the line and the key path.
 *
 * @param source         where the numbers came from ({@code _source})
 * @param defaultCluster the cluster used when neither {@code -C} nor {@code resources.cluster} names one (or null)
 * @param clusters       cluster name to its partitions
 * @param defaults       cluster name to its submission defaults
 * @param origin         the file it was read from, for messages
 */
public record ClusterCatalog(String source, String defaultCluster, Map<String, List<Partition>> clusters,
                             Map<String, ClusterDefaults> defaults, String origin) {
    public static final String RESOURCE = "/dev/graphids/slurm/clusters.json";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern GRES = Pattern.compile("gpu(?::([A-Za-z0-9_.-]+))?:(\\d+)");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    /** One aggregated row of {@code sinfo}: a partition's node shape. */
    public record Partition(@JsonProperty("partition") String partition,
                            @JsonProperty("cores_per_node") int coresPerNode,
                            @JsonProperty("mem_mb_per_node") long memMbPerNode,
                            @JsonProperty("mem_gb_per_node") double memGbPerNode,
                            @JsonProperty("mem_gb_per_core") double memGbPerCore,
                            @JsonProperty("walltime") String walltime,
                            @JsonProperty("walltime_sec") Long walltimeSec,
                            @JsonProperty("gres") String gres,
                            @JsonProperty("n_nodes") int nNodes) {

        /** GPUs per node from {@code gres} ({@code gpu:v100:2} → 2; {@code ""} → 0). */
        public int gpusPerNode() {
            return gpuCount(gres);
        }

        /** The GPU type of {@code gres} ({@code gpu:v100:2} → v100), or null. */
        public String gpuType() {
            Matcher m = GRES.matcher(gres == null ? "" : gres.split(",")[0]);
            return m.matches() ? m.group(1) : null;
        }
    }

    /** How to submit to a cluster when the config and the command line say nothing. */
    public record ClusterDefaults(@JsonProperty("sbatch_clusters") String sbatchClusters,
                                  @JsonProperty("account") String account,
                                  @JsonProperty("cpu_partition") String cpuPartition,
                                  @JsonProperty("gpu_partition") String gpuPartition,
                                  @JsonProperty("time") String time) {
    }

    private record Raw(@JsonProperty("_source") String source,
                       @JsonProperty("_comment") String comment,
                       @JsonProperty("default_cluster") String defaultCluster,
                       @JsonProperty("clusters") Map<String, List<Partition>> clusters,
                       @JsonProperty("defaults") Map<String, ClusterDefaults> defaults) {
    }

    /** {@code {lake}/clusters.json} when it exists, else the shipped catalog. */
    public static ClusterCatalog load(Lake lake) {
        Path file = lake.root().resolve("clusters.json");
        if (Files.isRegularFile(file)) {
            try {
                return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            } catch (IOException e) {
                throw GraphidsException.environment(file + ": cannot read: " + e.getMessage(), e);
            }
        }
        return shipped();
    }

    public static ClusterCatalog shipped() {
        try (InputStream in = ClusterCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw GraphidsException.environment("the shipped cluster catalog " + RESOURCE + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "(shipped) clusters.json");
        } catch (IOException e) {
            throw GraphidsException.environment(RESOURCE + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses and validates a catalog; {@code origin} names it in errors. */
    public static ClusterCatalog parse(String text, String origin) {
        YamlLocations lines = YamlLocations.index(text);
        Raw raw;
        try {
            raw = JSON.readValue(text, Raw.class);
        } catch (JsonMappingException e) {
            String path = YamlLocations.pathOf(e);
            String msg = e instanceof UnrecognizedPropertyException u ? "unknown key '" + u.getPropertyName() + "'"
                    : e.getOriginalMessage().lines().findFirst().orElse("invalid");
            throw error(origin, lines, path, msg);
        } catch (IOException e) {
            throw GraphidsException.usage(origin + ": not valid JSON: " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
        if (raw == null || raw.clusters() == null || raw.clusters().isEmpty()) {
            throw error(origin, lines, "clusters", "is required: a mapping of cluster name to its partitions");
        }
        Map<String, List<Partition>> clusters = new LinkedHashMap<>();
        for (var c : raw.clusters().entrySet()) {
            String cp = "clusters." + c.getKey();
            if (!NAME.matcher(c.getKey()).matches()) {
                throw error(origin, lines, cp, "cluster name is not letters, digits, '_', '.' or '-'");
            }
            if (c.getValue() == null || c.getValue().isEmpty()) {
                throw error(origin, lines, cp, "expected at least one partition");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < c.getValue().size(); i++) {
                checkPartition(origin, lines, cp + "[" + i + "]", c.getValue().get(i), seen);
            }
            clusters.put(c.getKey(), List.copyOf(c.getValue()));
        }
        Map<String, ClusterDefaults> defaults = new LinkedHashMap<>();
        if (raw.defaults() != null) {
            for (var d : raw.defaults().entrySet()) {
                String dp = "defaults." + d.getKey();
                List<Partition> parts = clusters.get(d.getKey());
                if (parts == null) {
                    throw error(origin, lines, dp, "no cluster '" + d.getKey() + "' under clusters");
                }
                checkDefaults(origin, lines, dp, d.getValue(), parts);
                defaults.put(d.getKey(), d.getValue());
            }
        }
        if (raw.defaultCluster() != null && !clusters.containsKey(raw.defaultCluster())) {
            throw error(origin, lines, "default_cluster", "no cluster '" + raw.defaultCluster() + "' under clusters"
                    + " (known: " + String.join(", ", clusters.keySet()) + ")");
        }
        return new ClusterCatalog(raw.source(), raw.defaultCluster(), clusters, defaults, origin);
    }

    private static void checkPartition(String origin, YamlLocations lines, String path, Partition p, Set<String> seen) {
        if (p == null || p.partition() == null || !NAME.matcher(p.partition()).matches()) {
            throw error(origin, lines, path + ".partition", "expected a partition name (letters, digits, '_', '.',"
                    + " '-')");
        }
        if (!seen.add(p.partition())) {
            throw error(origin, lines, path + ".partition", "partition '" + p.partition() + "' is listed twice");
        }
        if (p.coresPerNode() < 1) {
            throw error(origin, lines, path + ".cores_per_node", "expected >= 1, found " + p.coresPerNode());
        }
        if (p.memMbPerNode() < 1) {
            throw error(origin, lines, path + ".mem_mb_per_node", "expected >= 1, found " + p.memMbPerNode());
        }
        if (p.nNodes() < 1) {
            throw error(origin, lines, path + ".n_nodes", "expected >= 1, found " + p.nNodes());
        }
        if (SlurmTime.unlimited(p.walltime())) {
            if (p.walltimeSec() != null) {
                throw error(origin, lines, path + ".walltime_sec", "must be null for walltime " + p.walltime());
            }
        } else {
            long s;
            try {
                s = SlurmTime.seconds("walltime", p.walltime());
            } catch (GraphidsException e) {
                throw error(origin, lines, path + ".walltime", e.getMessage());
            }
            if (p.walltimeSec() == null || p.walltimeSec() != s) {
                throw error(origin, lines, path + ".walltime_sec", "expected " + s + " (walltime " + p.walltime()
                        + "), found " + p.walltimeSec());
            }
        }
        if (p.gres() == null) {
            throw error(origin, lines, path + ".gres", "is required (\"\" for no GPU)");
        }
        if (!p.gres().isEmpty()) {
            for (String token : p.gres().split(",")) {
                if (!GRES.matcher(token).matches()) {
                    throw error(origin, lines, path + ".gres", "expected gpu[:type]:count tokens joined by ',', found '"
                            + p.gres() + "'");
                }
            }
        }
    }

    private static void checkDefaults(String origin, YamlLocations lines, String path, ClusterDefaults d,
                                      List<Partition> parts) {
        if (d == null) {
            throw error(origin, lines, path, "expected a mapping");
        }
        for (String[] f : new String[][] {{"cpu_partition", d.cpuPartition()}, {"gpu_partition", d.gpuPartition()}}) {
            if (f[1] != null && parts.stream().noneMatch(p -> p.partition().equals(f[1]))) {
                throw error(origin, lines, path + "." + f[0], "no partition '" + f[1] + "' in this cluster");
            }
        }
        if (d.time() != null) {
            try {
                SlurmTime.seconds("time", d.time());
            } catch (GraphidsException e) {
                throw error(origin, lines, path + ".time", e.getMessage());
            }
        }
        for (String[] f : new String[][] {{"sbatch_clusters", d.sbatchClusters()}, {"account", d.account()}}) {
            if (f[1] != null && !NAME.matcher(f[1]).matches()) {
                throw error(origin, lines, path + "." + f[0], "expected letters, digits, '_', '.' or '-', found '"
                        + f[1] + "'");
            }
        }
    }

    private static GraphidsException error(String origin, YamlLocations lines, String path, String message) {
        int line = lines.lineOf(path);
        return GraphidsException.usage(origin + (line > 0 ? ":" + line : "") + ": " + path + ": " + message);
    }


    /** GPUs in a gres string ({@code gpu:v100:2,gpu:1} → 3); other resources count 0. */
    public static int gpuCount(String gres) {
        int n = 0;
        if (gres == null || gres.isEmpty()) {
            return 0;
        }
        for (String token : gres.split(",")) {
            Matcher m = GRES.matcher(token);
            if (m.matches()) {
                n += Integer.parseInt(m.group(2));
            }
        }
        return n;
    }

    /** The cluster's partitions, or an error listing the known clusters. */
    public List<Partition> partitions(String cluster) {
        List<Partition> p = clusters.get(cluster);
        if (p == null) {
            throw GraphidsException.usage("cluster '" + cluster + "' is not in the cluster catalog " + origin
                    + " (known: " + String.join(", ", clusters.keySet()) + ")");
        }
        return p;
    }

    public Optional<ClusterDefaults> defaultsOf(String cluster) {
        return Optional.ofNullable(defaults.get(cluster));
    }
}
