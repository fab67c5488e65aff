/** Durable file writes and other file utilities. Depends on nothing else in GraphIDS. */
package dev.graphids.io;
