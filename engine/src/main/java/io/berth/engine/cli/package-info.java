/**
 * The {@code berth} command line (picocli): one command class per subcommand, which reads its
 * arguments, calls the package that does the work (planner, state, server, local, agent) and prints
 * the outcome. Nothing here is called by the control plane or the agent; the long-running commands
 * also set up their log's format ({@link io.berth.engine.cli.ConsoleLogging}).
 */
package io.berth.engine.cli;
