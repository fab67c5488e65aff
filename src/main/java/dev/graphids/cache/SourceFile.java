package dev.graphids.cache;

import java.nio.file.Path;

/**
 * One capture file of a dataset as the cache sees it.
 *
 * @param folder      catalog folder
 * @param path        absolute path
 * @param name        path relative to the dataset's raw directory
 * @param sha256      digest of the file's bytes
 * @param train       true for the training folders
 * @param duplicateOf the earlier training file with the same bytes, which is used instead; null when unique
 */
public record SourceFile(String folder, Path path, String name, String sha256, boolean train, String duplicateOf) {

    /** The shard's path inside the cache: {@code graphs/{folder}/{file name without extensions}.safetensors}. */
    public String shardName() {
        String file = path.getFileName().toString();
        int dot = file.indexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        String sub = name.substring(folder.length() + 1);
        int slash = sub.lastIndexOf('/');
        String dir = slash < 0 ? "" : sub.substring(0, slash + 1);
        return "graphs/" + folder + "/" + dir + stem + ".safetensors";
    }
}
