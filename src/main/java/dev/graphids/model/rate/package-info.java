/**
 * The frame-rate baseline detector ({@code rate}): a window's score is minus its time span, so a window of W frames
 * that passes faster than usual (a higher bus frame rate, as flooding and injection attacks cause) scores higher.
 * Nothing is learned except the decision threshold, chosen on validation. Pure Java: it reads the cache shards
 * through {@link dev.graphids.eval.SplitReader} and never touches DJL.
 */
package dev.graphids.model.rate;
