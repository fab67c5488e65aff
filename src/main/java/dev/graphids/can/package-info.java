/**
 * CAN frames and where they come from: streaming capture readers ({@code read}), the dataset catalog
 * ({@code catalog}) and the traffic simulator ({@code sim}). Never sees DJL, tracking or run code.
 */
package dev.graphids.can;
