/** Benchmarks run by {@code graphids bench}: figures go to docs/benchmarks.md, never into timed unit tests. */
package dev.graphids.bench;
