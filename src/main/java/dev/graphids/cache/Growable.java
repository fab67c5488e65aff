package dev.graphids.cache;

import java.util.Arrays;

/** Append-only primitive arrays: a cache shard is collected in these, never in boxed lists. */
final class Growable {
    private Growable() {
    }

    static final class Floats {
        private float[] a = new float[1024];
        private int n;

        void add(float[] values) {
            ensure(values.length);
            System.arraycopy(values, 0, a, n, values.length);
            n += values.length;
        }

        private void ensure(int more) {
            if (n + more > a.length) {
                a = Arrays.copyOf(a, Math.max(a.length * 2, n + more));
            }
        }

        int size() {
            return n;
        }

        float[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    static final class Longs {
        private long[] a = new long[1024];
        private int n;

        void add(long v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = v;
        }

        void addAll(int[] values, long offset) {
            if (n + values.length > a.length) {
                a = Arrays.copyOf(a, Math.max(a.length * 2, n + values.length));
            }
            for (int v : values) {
                a[n++] = v + offset;
            }
        }

        long get(int i) {
            return a[i];
        }

        int size() {
            return n;
        }

        long[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
