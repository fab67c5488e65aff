package dev.graphids.can.sim;

import java.util.List;

/**
 * Where and how one capture is attacked.
 *
 * @param kind                the attack
 * @param targetId            the attacked ID for {@link AttackKind#targeted() targeted} kinds, else -1
 * @param bursts              attack intervals, sorted and disjoint, after the attack-free lead-in
 * @param replayShiftsMicros  for {@link AttackKind#REPLAY}: per burst, how far back the replayed slice was recorded
 *                            (the slice is {@code [burst.start - shift, burst.end - shift)}); empty otherwise
 */
public record AttackPlan(AttackKind kind, int targetId, List<Interval> bursts, List<Long> replayShiftsMicros) {
    public AttackPlan {
        bursts = List.copyOf(bursts);
        replayShiftsMicros = List.copyOf(replayShiftsMicros);
        if (bursts.isEmpty()) {
            throw new IllegalArgumentException("an attack needs at least one burst");
        }
        for (int i = 1; i < bursts.size(); i++) {
            if (bursts.get(i).startMicros() < bursts.get(i - 1).endMicros()) {
                throw new IllegalArgumentException("bursts overlap or are unsorted: " + bursts);
            }
        }
        if (kind == AttackKind.REPLAY) {
            if (replayShiftsMicros.size() != bursts.size()) {
                throw new IllegalArgumentException("replay needs one shift per burst");
            }
            for (int i = 0; i < bursts.size(); i++) {
                long shift = replayShiftsMicros.get(i);
                if (shift < bursts.get(i).lengthMicros() || shift > bursts.get(i).startMicros()) {
                    throw new IllegalArgumentException("replay slice must lie before its burst and after time 0");
                }
            }
        }
    }

    /** True if {@code micros} lies in any burst. */
    public boolean active(long micros) {
        for (Interval b : bursts) {
            if (b.contains(micros)) {
                return true;
            }
        }
        return false;
    }
}
