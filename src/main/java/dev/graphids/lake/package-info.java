/**
 * Lake root resolution, the read-only guard and every path under the lake. Depends on nothing but {@code error}.
 */
package dev.graphids.lake;
