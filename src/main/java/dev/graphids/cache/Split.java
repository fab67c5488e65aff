package dev.graphids.cache;

/** Which part of the data a graph belongs to. Codes are what the cache's {@code split} tensor stores. */
public enum Split {
    TRAIN(0), VAL(1), EMBARGO(2), TEST(3);

    private final int code;

    Split(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public String key() {
        return name().toLowerCase();
    }
}
