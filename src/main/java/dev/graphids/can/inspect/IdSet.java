package dev.graphids.can.inspect;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/** Distinct CAN IDs: a bit set for the 11-bit space, a hash set for the rare extended IDs. */
final class IdSet {
    private final BitSet standard = new BitSet(2048);
    private final Set<Integer> extended = new HashSet<>();

    void add(int id, boolean isExtended) {
        if (!isExtended && id < 2048) {
            standard.set(id);
        } else {
            extended.add(id | Integer.MIN_VALUE);
        }
    }

    void addAll(int[] encoded) {
        for (int v : encoded) {
            if (v >= 0) {
                standard.set(v);
            } else {
                extended.add(v);
            }
        }
    }

    /** Standard IDs as themselves, extended ones with the top bit set. */
    int[] toArray() {
        int[] out = new int[size()];
        int n = 0;
        for (int i = standard.nextSetBit(0); i >= 0; i = standard.nextSetBit(i + 1)) {
            out[n++] = i;
        }
        for (int v : extended) {
            out[n++] = v;
        }
        return out;
    }

    int size() {
        return standard.cardinality() + extended.size();
    }
}
