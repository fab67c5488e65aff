package dev.graphids.cli;

import dev.graphids.can.inspect.DatasetInspection;
import dev.graphids.can.inspect.DatasetInspection.FolderInspection;
import dev.graphids.can.inspect.FileInspection;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders an inspection as a plain-text table for people. */
final class InspectionTable {
    private static final String ROW = "%-44s %11s %10s %7s %5s %9s %8s %6s %5s%n";

    private InspectionTable() {
    }

    static String render(DatasetInspection inspection) {
        StringBuilder sb = new StringBuilder();
        sb.append("Dataset ").append(inspection.dataset()).append("  (").append(inspection.root()).append(")\n\n");
        sb.append(String.format(ROW, "folder / file", "frames", "attack", "ratio", "IDs", "span s", "rate/s", "bad",
                "ooo"));
        for (FolderInspection folder : inspection.folders()) {
            String title = folder.name().isEmpty() ? "(files)" : folder.name() + (folder.train() ? " [train]" : "");
            if (!folder.present()) {
                sb.append(String.format("%-44s %s%n", title, "missing"));
                continue;
            }
            sb.append(String.format(ROW, title, num(folder.frames()), num(folder.attackFrames()),
                    pct(folder.frames() == 0 ? 0 : (double) folder.attackFrames() / folder.frames()),
                    folder.distinctIds(), "", "", num(folder.badRows()), ""));
            for (FileInspection f : folder.files()) {
                String name = "  " + fileName(f.path());
                if (f.rejected()) {
                    sb.append(String.format("%-44s REJECTED: %s%n", name, f.rejection()));
                    continue;
                }
                sb.append(String.format(ROW, name, num(f.frames()), num(f.attackFrames()), pct(f.attackRatio()),
                        f.distinctIds(), String.format("%.1f", f.spanSeconds()), String.format("%.0f", f.frameRate()),
                        num(f.badRowCount()), num(f.outOfOrder())));
            }
        }
        sb.append("\nDLC histograms (DLC:frames):\n");
        for (FolderInspection folder : inspection.folders()) {
            for (FileInspection f : folder.files()) {
                if (!f.rejected()) {
                    sb.append(String.format("  %-42s %s%n", f.path(), f.dlcHistogram().entrySet().stream()
                            .map(e -> e.getKey() + ":" + num(e.getValue())).collect(Collectors.joining(" "))));
                }
            }
        }
        appendBadRows(sb, inspection);
        appendDuplicates(sb, inspection);
        sb.append(String.format("%nTotal: %s frames in %d files", num(inspection.frames()), inspection.files()));
        if (!inspection.rejectedFiles().isEmpty()) {
            sb.append(", ").append(inspection.rejectedFiles().size()).append(" rejected");
        }
        return sb.toString();
    }

    private static void appendBadRows(StringBuilder sb, DatasetInspection inspection) {
        boolean header = false;
        for (FolderInspection folder : inspection.folders()) {
            for (FileInspection f : folder.files()) {
                if (f.badRows().isEmpty() && f.outOfOrder() == 0) {
                    continue;
                }
                if (!header) {
                    sb.append("\nBad rows (skipped) and out-of-order timestamps (kept):\n");
                    header = true;
                }
                sb.append("  ").append(f.path()).append(": ");
                for (Map.Entry<String, Long> e : f.badRows().entrySet()) {
                    sb.append(e.getKey()).append('=').append(num(e.getValue())).append(' ');
                }
                if (f.outOfOrder() > 0) {
                    sb.append(String.format("out_of_order=%s (largest step back %.6f s)", num(f.outOfOrder()),
                            f.maxBackwardStep()));
                }
                sb.append('\n');
            }
        }
    }

    private static void appendDuplicates(StringBuilder sb, DatasetInspection inspection) {
        boolean header = false;
        for (FolderInspection folder : inspection.folders()) {
            for (FileInspection f : folder.files()) {
                if (f.duplicateOf().isEmpty() || f.duplicateOf().get(0).compareTo(f.path()) < 0) {
                    continue;
                }
                if (!header) {
                    sb.append("\nDuplicate files (same bytes; loaded once for training):\n");
                    header = true;
                }
                sb.append("  ").append(f.path()).append(" = ").append(String.join(" = ", f.duplicateOf()))
                        .append("  (sha256 ").append(f.sha256(), 0, 12).append("…)\n");
            }
        }
    }

    private static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static String num(long n) {
        return String.format("%,d", n);
    }

    private static String pct(double r) {
        return String.format("%.2f%%", 100 * r);
    }
}
