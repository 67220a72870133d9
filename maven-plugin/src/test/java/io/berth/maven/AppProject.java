package io.berth.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh application project, as a new user makes one: the build snippet copied from README.md
 * into an empty POM, one {@code @Stack} class and one application class, built by a real Maven
 * (3.8 or 3.9, unpacked by the build). Berth's artifacts come from the private
 * local repository the build installed them in; everything else from this build's own local
 * repository, read as a file repository, so that the nested builds work offline when this one does.
 */
final class AppProject {
  static final Path ROOT = Path.of(System.getProperty("berth.it.root")).toAbsolutePath().normalize();
  static final String VERSION = System.getProperty("berth.it.version");
  static final Path BERTH_JAR = ROOT.resolve("engine/target/berth.jar");

  /** The Mavens the tests build with: the last 3.8 and a 3.9, unpacked by the build from Maven Central. */
  enum Maven {
    V38(Path.of(System.getProperty("berth.it.maven38"), "bin/mvn").toString(), "Apache Maven 3.8"),
    V39(Path.of(System.getProperty("berth.it.maven39"), "bin/mvn").toString(), "Apache Maven 3.9");

    final String command;
    final String banner;

    Maven(String command, String banner) {
      this.command = command;
      this.banner = banner;
    }
  }

  /** One process run: its exit code and its output (stdout and stderr together). */
  record Run(int exitCode, String output) {}

  final Path dir;

  private AppProject(Path dir) {
    this.dir = dir;
  }

  /** The first XML block of the README's "Using Berth in your build" section, exactly as written. */
  static String readmeSnippet() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String section = readme.substring(readme.indexOf("## Using Berth in your build"));
    Matcher block = Pattern.compile("```xml\n(.*?)```", Pattern.DOTALL).matcher(section);
    assertThat(block.find()).as("an xml block in the README's build section").isTrue();
    return block.group(1);
  }

  /** A project in {@code dir} whose POM is the snippet inside an otherwise empty project, and a stack of {@code count} tasks. */
  static AppProject create(Path dir, String snippet, int count) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("pom.xml"), """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.acme</groupId>
          <artifactId>shop</artifactId>
          <version>1.0</version>
          <properties><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
        """ + snippet + "</project>\n");
    Path code = Files.createDirectories(dir.resolve("src/main/java/com/acme/shop"));
    Files.writeString(code.resolve("App.java"), """
        package com.acme.shop;
        public final class App {
          public static void main(String[] args) { System.out.println("shop"); }
        }
        """);
    AppProject project = new AppProject(dir);
    project.setCount(count);
    return project;
  }

  /** Rewrites the stack with {@code count} tasks of its service. */
  void setCount(int count) throws IOException {
    Files.writeString(dir.resolve("src/main/java/com/acme/shop/Shop.java"), """
        package com.acme.shop;
        import io.berth.dsl.*;
        @Stack("shop")
        public final class Shop implements StackDefinition {
          @Override public void define(Infra infra) {
            Cluster local = infra.cluster("local").capacity("std", 2, g -> g.cpu(1024).memory(2048).zones("zone-a"));
            TaskDefinition web = infra.taskDefinition("web")
                .container("app", c -> c.image("acme/web:1").cpu(128).memory(128));
            infra.service("web", local, web).desiredCount(%d);
          }
        }
        """.formatted(count));
  }

  /** Runs {@code maven} in the project with {@code args}; {@code env} adds to a clean environment. */
  Run mvn(Maven maven, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(maven.command));
    command.addAll(mavenArgs());
    command.addAll(List.of(args));
    return run(command, env);
  }

  /** The arguments that point a nested Maven at the private and the seed repositories. */
  static List<String> mavenArgs() throws IOException {
    Path settings = Path.of(System.getProperty("berth.it.localRepository")).resolveSibling("it-settings.xml");
    String seed = Path.of(System.getProperty("berth.it.seedRepository")).toUri().toString();
    Files.writeString(settings, """
        <settings>
          <localRepository>%s</localRepository>
          <profiles>
            <profile>
              <id>seed</id>
              <repositories><repository><id>berth-it-seed</id><url>%s</url><snapshots><enabled>false</enabled></snapshots></repository></repositories>
              <pluginRepositories><pluginRepository><id>berth-it-seed</id><url>%s</url><snapshots><enabled>false</enabled></snapshots></pluginRepository></pluginRepositories>
            </profile>
          </profiles>
          <activeProfiles><activeProfile>seed</activeProfile></activeProfiles>
        </settings>
        """.formatted(System.getProperty("berth.it.localRepository"), seed, seed));
    List<String> args = new ArrayList<>(List.of("-B", "-V", "-s", settings.toString()));
    if ("offline=true".equals(System.getProperty("berth.it.offline"))) {
      args.addAll(List.of("-o", "-Daether.offline.protocols=file"));
    }
    return args;
  }

  /** {@code java -jar engine/target/berth.jar args}: the command line, as {@code ./berth} runs it. */
  Run berth(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin/java").toString(),
        "-jar", BERTH_JAR.toString()));
    command.addAll(List.of(args));
    return run(command, Map.of());
  }

  /** Runs {@code command} in the project directory with {@code env} added to a clean environment. */
  Run run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    clean(builder.environment());
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
    return new Run(process.exitValue(), output);
  }

  /** Stdout alone of {@code berth args}, for comparing with what the plugin printed. */
  String berthOut(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin/java").toString(),
        "-jar", BERTH_JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    clean(builder.environment());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return out;
  }

  /**
   * No CI, Maven or Berth settings of the machine running the tests leak into the application's
   * build. The nested Mavens run with the quick-start JIT: a build of seconds spends most of its CPU
   * compiling otherwise (half the CPU time of one here).
   */
  private static void clean(Map<String, String> env) {
    env.keySet().removeIf(k -> k.startsWith("MAVEN_") || k.startsWith("BERTH_") || k.startsWith("GITHUB_")
        || k.startsWith("GITLAB_") || k.startsWith("CI_") || k.equals("CI") || k.equals("NO_COLOR"));
    env.put("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
  }
}
