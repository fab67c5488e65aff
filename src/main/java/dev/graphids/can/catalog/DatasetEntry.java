package dev.graphids.can.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * One dataset of the catalog: its folders under {@code {lake}/raw/{name}/}.
 *
 * @param name              safe path segment naming the dataset
 * @param trainSubdir       folder of benign training captures
 * @param trainAttackSubdir folder of labelled training captures with attacks, or null
 * @param testSubdirs       test folders, in report order
 * @param attackTypes       informational attack families
 * @param notes             informational text
 * @param builtIn           true for the catalog shipped with GraphIDS
 */
public record DatasetEntry(String name, String trainSubdir, String trainAttackSubdir, List<String> testSubdirs,
                           List<String> attackTypes, String notes, boolean builtIn) {

    public DatasetEntry {
        testSubdirs = List.copyOf(testSubdirs);
        attackTypes = List.copyOf(attackTypes);
    }

    /** Every folder: training first, then the test folders. */
    public List<String> folders() {
        List<String> out = new ArrayList<>();
        out.add(trainSubdir);
        if (trainAttackSubdir != null) {
            out.add(trainAttackSubdir);
        }
        out.addAll(testSubdirs);
        return out;
    }

    public boolean isTrainFolder(String folder) {
        return folder.equals(trainSubdir) || folder.equals(trainAttackSubdir);
    }
}
