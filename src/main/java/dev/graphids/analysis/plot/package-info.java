/** PNG charts a person can read: axes with units, legends, titles. No DJL. */
package dev.graphids.analysis.plot;
