package dev.graphids.can.sim;

import dev.graphids.can.catalog.DatasetCatalog;
import dev.graphids.can.catalog.DatasetEntry;
import dev.graphids.lake.Lake;
import java.io.IOException;
import java.util.List;

/** A simulated dataset declared in a test lake, for tests of the stages above the data layer. */
public final class SimulateFixture {
    private SimulateFixture() {
    }

    /** Simulates {@code minutes} per capture into {@code raw/name} and declares it in the lake's catalog. */
    public static DatasetEntry dataset(Lake lake, String name, double minutes) throws IOException {
        TrafficSimulator.writeDataset(lake.rawDir(name), SimulationConfig.of(5, minutes, true));
        DatasetEntry entry = new DatasetEntry(name, DatasetLayout.TRAIN_BENIGN, DatasetLayout.TRAIN_ATTACKS,
                List.of(DatasetLayout.TEST_KNOWN_KNOWN, DatasetLayout.TEST_UNKNOWN_KNOWN, DatasetLayout.TEST_SUPPRESS),
                List.of(), "simulated for tests", false);
        DatasetCatalog.register(lake, entry);
        return entry;
    }
}
