/**
 * The exception hierarchy: every failure a user can cause carries a one-line message and an exit code. Depends on
 * nothing else in GraphIDS.
 */
package dev.graphids.error;
