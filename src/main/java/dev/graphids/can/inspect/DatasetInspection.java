package dev.graphids.can.inspect;

import java.util.List;

/**
 * The inspection of a dataset (or of loose files): per folder and file.
 *
 * @param dataset the dataset name, or the inspected path
 * @param root    the directory the file paths are relative to
 * @param folders the folders in catalog order, present or not
 */
public record DatasetInspection(String dataset, String root, List<FolderInspection> folders) {

    /** One catalog folder and its files; {@code present} is false when it is missing on disk. */
    public record FolderInspection(String name, boolean train, boolean present, List<FileInspection> files,
                                   long frames, long attackFrames, int distinctIds, long badRows) {
    }

    public long frames() {
        return folders.stream().mapToLong(FolderInspection::frames).sum();
    }

    public long files() {
        return folders.stream().mapToLong(f -> f.files().size()).sum();
    }

    public List<FileInspection> rejectedFiles() {
        return folders.stream().flatMap(f -> f.files().stream()).filter(FileInspection::rejected).toList();
    }
}
