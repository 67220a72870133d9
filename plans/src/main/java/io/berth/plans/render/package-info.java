/**
 * Renderers of a plan: text for terminals, Markdown for pull-request comments (Velocity templates,
 * each fed a typed variables class) and JSON for machines. Renderers read only the plan document;
 * the views here format it (markers, lines, folding) and never decide anything about the plan.
 */
package io.berth.plans.render;
