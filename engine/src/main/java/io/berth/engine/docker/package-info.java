/**
 * The Docker runtime of a host agent: turns an ECS task definition into Docker containers through
 * docker-java, drives a task's lifecycle (dependsOn order, health, essential semantics, stop
 * timeouts) and reports it in ECS terms. Pure mapping and ordering ({@link
 * io.berth.engine.docker.Blueprints}, {@link io.berth.engine.docker.StartOrder}, {@link
 * io.berth.engine.docker.DependencyCheck}) are kept apart from the classes that talk to Docker.
 */
package io.berth.engine.docker;
