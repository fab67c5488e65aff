package dev.graphids.can.sim;

import java.util.List;

/**
 * A simulated vehicle: its periodic messages and the IDs its attacks target.
 *
 * @param name         short name used in the manifest ({@code A}, {@code B})
 * @param messages     periodic messages, distinct IDs, sorted by ID
 * @param gearId       ID carrying the gear, target of gear spoofing
 * @param rpmId        ID carrying engine RPM, target of RPM spoofing
 * @param suppressId   ID silenced by the suppress attack
 * @param masqueradeId ID whose frames the masquerade attack replaces
 */
public record VehicleModel(String name, List<MessageSpec> messages, int gearId, int rpmId, int suppressId,
                           int masqueradeId) {
    public VehicleModel {
        messages = List.copyOf(messages);
        if (messages.stream().map(MessageSpec::id).distinct().count() != messages.size()) {
            throw new IllegalArgumentException("vehicle " + name + " has duplicate IDs");
        }
        for (int id : new int[] {gearId, rpmId, suppressId, masqueradeId}) {
            if (messages.stream().noneMatch(m -> m.id() == id)) {
                throw new IllegalArgumentException("vehicle " + name + " has no message with target ID " + id);
            }
        }
    }

    /** The message with arbitration ID {@code id}. */
    public MessageSpec message(int id) {
        return messages.stream().filter(m -> m.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("vehicle " + name + " has no ID " + id));
    }

    /** Nominal frames per second summed over all messages. */
    public double framesPerSecond() {
        return messages.stream().mapToDouble(MessageSpec::rate).sum();
    }
}
