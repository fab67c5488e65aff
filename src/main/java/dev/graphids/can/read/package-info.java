/**
 * Streaming capture readers: four-column CSV (plain or gzip), candump logs and the HCRL Car-Hacking rows, with
 * format detection from content and the bad-row policy of data.md Decision 4. Memory is bounded by the line limit,
 * whatever the file size.
 */
package dev.graphids.can.read;
