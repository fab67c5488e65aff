package dev.graphids.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.graphids.can.catalog.DatasetCatalog;
import dev.graphids.can.catalog.DatasetEntry;
import dev.graphids.can.inspect.DatasetInspection;
import dev.graphids.can.inspect.DatasetInspector;
import dev.graphids.error.BadInputException;
import dev.graphids.error.GraphidsException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code graphids data list|inspect}: what the lake holds. Read-only: works with GRAPHIDS_LAKE_WRITE=0. */
@Command(name = "data", description = "List and inspect the datasets in the lake.",
        subcommands = {DataCommand.ListCommand.class, DataCommand.InspectCommand.class,
            CacheCommands.Build.class, CacheCommands.Summary.class})
public final class DataCommand {

    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false).build();

    @Command(name = "list", description = "Datasets of the catalog, which are present in the lake, file and frame counts.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--json", description = "Print JSON for programs.")
        boolean json;
        @Mixin
        ReadOptionsMixin read;
        private final CliContext ctx;

        ListCommand(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws Exception {
            DatasetCatalog catalog = DatasetCatalog.load(ctx.lake());
            DatasetInspector inspector = new DatasetInspector(read.toOptions(), ctx.threads());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (DatasetEntry d : catalog.datasets()) {
                Path raw = ctx.lake().rawDir(d.name());
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("dataset", d.name());
                row.put("built_in", d.builtIn());
                boolean present = Files.isDirectory(raw);
                row.put("present", present);
                if (present) {
                    DatasetInspection inspection = inspector.inspect(d, raw);
                    row.put("folders_present", inspection.folders().stream().filter(f -> f.present()).count());
                    row.put("folders", d.folders().size());
                    row.put("files", inspection.files());
                    row.put("frames", inspection.frames());
                    row.put("rejected_files", inspection.rejectedFiles().size());
                }
                row.put("notes", d.notes());
                rows.add(row);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(JSON.writeValueAsString(Map.of("lake", ctx.lake().root().toString(), "datasets", rows)));
            } else {
                out.println("Lake: " + ctx.lake().root());
                out.printf("%-12s %-8s %-9s %7s %14s  %s%n", "dataset", "present", "folders", "files", "frames",
                        "notes");
                for (Map<String, Object> r : rows) {
                    boolean present = (Boolean) r.get("present");
                    out.printf("%-12s %-8s %-9s %7s %14s  %s%n", r.get("dataset"), present ? "yes" : "no",
                            present ? r.get("folders_present") + "/" + r.get("folders") : "-",
                            present ? r.get("files") : "-",
                            present ? String.format("%,d", (Long) r.get("frames")) : "-", r.get("notes"));
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "inspect", description = {
        "Per folder and file: frames, attack frames and ratio, distinct IDs, time span and frame rate, DLC histogram,",
        "bad rows by reason, out-of-order timestamps and duplicate files. TARGET is a dataset name, or a capture file",
        "or directory. Exits 1 when a file was rejected."})
    static final class InspectCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "TARGET", description = "A dataset of the catalog, or a capture file or directory.")
        String target;
        @Option(names = "--json", description = "Print JSON for programs.")
        boolean json;
        @Mixin
        ReadOptionsMixin read;
        private final CliContext ctx;

        InspectCommand(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws Exception {
            DatasetInspector inspector = new DatasetInspector(read.toOptions(), ctx.threads());
            DatasetInspection inspection;
            DatasetCatalog catalog = DatasetCatalog.load(ctx.lake());
            if (catalog.contains(target)) {
                DatasetEntry dataset = catalog.require(target);
                Path raw = ctx.lake().rawDir(dataset.name());
                if (!Files.isDirectory(raw)) {
                    throw GraphidsException.environment("dataset '" + dataset.name() + "' is not in the lake: "
                            + raw + " does not exist (put its captures there in the catalog layout)");
                }
                inspection = inspector.inspect(dataset, raw);
            } else if (Files.exists(Path.of(target))) {
                inspection = inspector.inspectPath(Path.of(target));
            } else {
                throw GraphidsException.usage("'" + target + "' is neither a dataset of the catalog ("
                        + String.join(", ", catalog.names()) + ") nor an existing file or directory");
            }
            PrintWriter out = spec.commandLine().getOut();
            try {
                out.println(json ? JSON.writeValueAsString(inspection) : InspectionTable.render(inspection));
            } catch (UncheckedIOException e) {
                throw GraphidsException.environment("cannot write the report: " + e.getMessage(), e);
            }
            out.flush();
            if (!inspection.rejectedFiles().isEmpty()) {
                throw new BadInputException(inspection.rejectedFiles().size() + " file(s) rejected: "
                        + String.join(", ", inspection.rejectedFiles().stream()
                        .map(f -> f.path() + " (" + f.rejection() + ")").toList()));
            }
            return 0;
        }
    }
}
