/**
 * The Cluster Query Language of {@code memberOf} placement constraints: a parser that names the
 * position of every syntax error, a sealed expression tree, and its evaluation against a container
 * instance described by {@link io.berth.cql.QueryTarget}.
 *
 * <pre>{@code
 * Expression e = Cql.parse("attribute:ecs.availability-zone in [zone-a, zone-b] and not(task:group == database)");
 * boolean fits = e.matches(instance);
 * }</pre>
 *
 * <p>Pure Java: no I/O, no clock, no dependencies beyond the JDK, so the validator (compile time)
 * and the scheduler (run time) share one definition of the language.
 */
package io.berth.cql;
