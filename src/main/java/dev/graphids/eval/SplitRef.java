package dev.graphids.eval;

import dev.graphids.cache.Split;
import java.util.Objects;

/**
 * One split a model is scored on: the training part or the validation part of the training folders, or one test
 * folder.
 *
 * @param split  which graphs: {@link Split#TRAIN}, {@link Split#VAL} or {@link Split#TEST}
 * @param folder the test folder for {@link Split#TEST}, else null
 */
public record SplitRef(Split split, String folder) {
    public SplitRef {
        Objects.requireNonNull(split, "split");
        if (split == Split.EMBARGO) {
            throw new IllegalArgumentException("the embargo windows are dropped, never scored");
        }
        if ((split == Split.TEST) != (folder != null)) {
            throw new IllegalArgumentException("a test split needs its folder and only a test split has one: "
                    + split + ", " + folder);
        }
    }

    public static SplitRef train() {
        return new SplitRef(Split.TRAIN, null);
    }

    public static SplitRef val() {
        return new SplitRef(Split.VAL, null);
    }

    public static SplitRef test(String folder) {
        return new SplitRef(Split.TEST, folder);
    }

    /** {@code train}, {@code val} or the test folder's name. */
    public String name() {
        return folder != null ? folder : split.key();
    }

    @Override
    public String toString() {
        return folder != null ? "test/" + folder : split.key();
    }
}
