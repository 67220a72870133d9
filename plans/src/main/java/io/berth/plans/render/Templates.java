package io.berth.plans.render;

import java.io.StringWriter;
import java.util.Properties;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;

/**
 * The Velocity engine, loading templates from this package on the class path, in strict mode.
 * Templates are parsed once per JVM and kept: they sit in the jar and never change under it.
 */
final class Templates {
  private static final VelocityEngine ENGINE = engine();

  private Templates() {}

  /** Renders {@code template} (a file name in this package) with {@code variables} as {@code $v}. */
  static String render(String template, Object variables) {
    VelocityContext context = new VelocityContext();
    context.put("v", variables);
    StringWriter out = new StringWriter();
    load(template).merge(context, out);
    return out.toString();
  }

  private static Template load(String template) {
    return ENGINE.getTemplate("io/berth/plans/render/" + template, "UTF-8");
  }

  private static VelocityEngine engine() {
    Properties properties = new Properties();
    properties.setProperty(RuntimeConstants.RESOURCE_LOADERS, "classpath");
    properties.setProperty("resource.loader.classpath.class", ClasspathResourceLoader.class.getName());
    // without the cache every render reads and parses its template again
    properties.setProperty("resource.loader.classpath.cache", "true");
    properties.setProperty("resource.loader.classpath.modification_check_interval", "-1");
    properties.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
    properties.setProperty(RuntimeConstants.SPACE_GOBBLING, "lines");
    VelocityEngine engine = new VelocityEngine(properties);
    engine.init();
    return engine;
  }
}
