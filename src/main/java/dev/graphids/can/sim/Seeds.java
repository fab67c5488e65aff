package dev.graphids.can.sim;

/** Derives independent, stable seeds from a parent seed (SplitMix64 finaliser), so streams never share a Random. */
final class Seeds {
    private Seeds() {
    }

    static long derive(long parent, long salt) {
        long z = parent + 0x9E3779B97F4A7C15L * (salt + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
