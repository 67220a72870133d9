/**
 * The saved plan file ({@code berth plan --out FILE}, format {@value io.berth.plans.Plan#FORMAT_VERSION}):
 * writing it, and reading back what {@code berth apply} needs without binding the whole document.
 */
package io.berth.plans.file;
