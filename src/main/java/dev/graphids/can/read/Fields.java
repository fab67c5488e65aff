package dev.graphids.can.read;

/**
 * Splits a line at a separator into trimmed fields, reusing its arrays. Trimming removes spaces, tabs and one pair of
 * surrounding double quotes (real captures carry a trailing tab after the payload now and then).
 */
final class Fields {
    final int[] starts;
    final int[] ends;
    int count;

    Fields(int capacity) {
        starts = new int[capacity];
        ends = new int[capacity];
    }

    /**
     * Splits {@code b[from, to)}; returns the number of fields, or {@code capacity + 1} when there are more fields
     * than the capacity.
     */
    int split(byte[] b, int from, int to, byte separator) {
        int n = 0;
        int s = from;
        for (int i = from; i <= to; i++) {
            if (i == to || b[i] == separator) {
                if (n == starts.length) {
                    count = n + 1;
                    return count;
                }
                int fs = s;
                int fe = i;
                while (fs < fe && Ascii.isBlank(b[fs])) {
                    fs++;
                }
                while (fe > fs && Ascii.isBlank(b[fe - 1])) {
                    fe--;
                }
                if (fe - fs >= 2 && b[fs] == '"' && b[fe - 1] == '"') {
                    fs++;
                    fe--;
                }
                starts[n] = fs;
                ends[n] = fe;
                n++;
                s = i + 1;
            }
        }
        count = n;
        return n;
    }

    /** Splits at runs of spaces and tabs (candump lines). */
    int splitWhitespace(byte[] b, int from, int to) {
        int n = 0;
        int i = from;
        while (i < to) {
            while (i < to && Ascii.isBlank(b[i])) {
                i++;
            }
            if (i == to) {
                break;
            }
            int s = i;
            while (i < to && !Ascii.isBlank(b[i])) {
                i++;
            }
            if (n == starts.length) {
                count = n + 1;
                return count;
            }
            starts[n] = s;
            ends[n] = i;
            n++;
        }
        count = n;
        return n;
    }
}
