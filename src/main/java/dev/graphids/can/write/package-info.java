/**
 * Streaming writers of CAN captures: the catalog's four-column CSV ({@link dev.graphids.can.write.CatalogCsvWriter})
 * and candump log lines ({@link dev.graphids.can.write.CandumpWriter}). Writers format {@link dev.graphids.can.CanFrame}
 * records onto an {@link java.io.OutputStream} the caller owns the durability of (the simulator hands them the
 * stream of an {@link dev.graphids.io.AtomicFiles} write). Depends only on {@code can}; never reads captures.
 */
package dev.graphids.can.write;
