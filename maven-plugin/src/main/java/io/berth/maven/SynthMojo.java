package io.berth.maven;

import io.berth.dsl.StackContext;
import io.berth.engine.synth.SynthRun;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code mvn berth:synth}: {@code berth synth} on the project's compiled classes with its compile
 * class path, for builds that compile with {@code -Aberth.evaluate=false} or with a compiler that
 * cannot run the processor. Bound to {@code process-classes} when listed in an execution. The
 * stacks' context values ({@code infra.context("imageTag")}) come from {@code berth.context.*}
 * properties, the command line's ({@code -Dberth.context.imageTag=4f2c1e0}) over the POM's, else
 * from {@code BERTH_CONTEXT_*} in the environment.
 */
@Mojo(name = "synth", defaultPhase = LifecyclePhase.PROCESS_CLASSES, requiresDependencyResolution = ResolutionScope.COMPILE,
    threadSafe = true)
public final class SynthMojo extends BerthMojo {
  /** The compiled classes holding the {@code @Stack} types. */
  @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true)
  File classes;

  /** The project's compile class path, the stacks' own dependencies. */
  @Parameter(defaultValue = "${project.compileClasspathElements}", readonly = true)
  List<String> classPath;

  /** Where to write {@code META-INF/berth}; default the classes directory, where {@code berth:plan} looks. */
  @Parameter(property = "berth.synthOut", defaultValue = "${project.build.outputDirectory}")
  File synthOut;

  /** The project's properties, where {@code berth.context.*} can be set in the POM. */
  @Parameter(defaultValue = "${project.properties}", readonly = true)
  Properties projectProperties;

  @Override
  public void execute() throws MojoFailureException {
    if (skip) {
      getLog().info("Skipping berth:synth (berth.skip)");
      return;
    }
    Path dir = classes.toPath();
    List<Path> entries = classPath.stream().map(Path::of).filter(p -> !p.equals(dir)).toList();
    StackContext context = StackContext.of(System.getenv(), StackContext.properties(userProperties),
        StackContext.properties(projectProperties));
    report("running the stacks in " + dir, (out, err) -> SynthRun.run(dir, entries, synthOut.toPath(), context, out,
        err));
  }
}
