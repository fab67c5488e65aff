/** The dataset catalog (built-in and user datasets) and the capture files of each folder. */
package dev.graphids.can.catalog;
