package io.berth.processor;

/**
 * A {@code @Stack} class found in this compilation that passed the static checks.
 *
 * @param name the stack name from the annotation
 * @param qualifiedName the class's canonical name, for diagnostics and generated code
 * @param binaryName the class's binary name ({@code a.B$C}), for loading it
 */
record StackClass(String name, String qualifiedName, String binaryName) {}
