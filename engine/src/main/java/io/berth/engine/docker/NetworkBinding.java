package io.berth.engine.docker;

/** A container port reachable at {@code bindIP:hostPort}, as ECS reports it in networkBindings. */
public record NetworkBinding(int containerPort, int hostPort, String protocol, String bindIP) {}
