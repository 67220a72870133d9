package io.berth.engine.docker;

import static io.berth.engine.docker.DockerFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import io.berth.engine.task.TaskStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private registry credentials against a real registry: Debian's docker-registry on a loopback port
 * with htpasswd basic auth (Docker pulls plain HTTP from 127.0.0.0/8), holding an image this test
 * builds and pushes. A task pulls it with the credentials its repositoryCredentials secret holds;
 * without them, or with a wrong password, it stops saying so.
 */
class RegistryCredentialsTest {
  private static final String INSTANCE = "i-registry-" + DockerFixture.RUN;
  private static final String USER = "berth";
  private static final String PASSWORD = "s3cret-" + DockerFixture.RUN;
  private static final String SECRET = "secret/registry";

  @TempDir static Path dir;
  private static Process registry;
  private static String address;
  private static String image;

  private final DockerRuntime runtime = new DockerRuntime(DockerFixture.docker());
  private final List<String> asked = new ArrayList<>();

  @BeforeAll
  static void startRegistryAndPushTheImage() throws Exception {
    Path binary = Path.of("/usr/bin/docker-registry");
    assertThat(binary).as("Debian's docker-registry (scripts/test-tools installs it)").isExecutable();
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    address = "127.0.0.1:" + port;
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    Files.writeString(dir.resolve("htpasswd"), USER + ":" + OpenBSDBCrypt.generate("2a", PASSWORD.toCharArray(), salt, 4)
        + "\n");
    Files.writeString(dir.resolve("config.yml"), String.join("\n", "version: 0.1",
        "storage:", "  filesystem:", "    rootdirectory: " + dir.resolve("data"),
        "http:", "  addr: " + address,
        "auth:", "  htpasswd:", "    realm: berth-test", "    path: " + dir.resolve("htpasswd"), ""));
    registry = new ProcessBuilder(binary.toString(), "serve", dir.resolve("config.yml").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
    await(Duration.ofSeconds(20), RegistryCredentialsTest::status, s -> s == 401);

    DockerClient docker = DockerFixture.docker();
    String repository = address + "/berth-test/private";
    String tag = DockerFixture.RUN;
    image = repository + ":" + tag;
    docker.tagImageCmd(DockerFixture.BUSYBOX, repository, tag).exec();
    docker.pushImageCmd(repository).withTag(tag).withAuthConfig(new AuthConfig().withUsername(USER)
        .withPassword(PASSWORD).withRegistryAddress(address)).start().awaitCompletion(2, TimeUnit.MINUTES);
    assertThat(get("/v2/berth-test/private/tags/list", true).body()).as("pushed").contains(tag);
    docker.removeImageCmd(image).exec(); // only the tag: the task must pull it
  }

  @AfterAll
  static void stopRegistry() throws InterruptedException {
    if (registry != null) {
      registry.destroy();
      registry.waitFor(10, TimeUnit.SECONDS);
    }
    try {
      DockerFixture.docker().removeImageCmd(image).exec();
    } catch (NotFoundException | NullPointerException gone) {
      // never pulled, or never tagged
    }
    DockerFixture.cleanUp();
  }

  private static int status() {
    try {
      return get("/v2/", false).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  private static HttpResponse<String> get(String path, boolean authorised) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + address + path));
    if (authorised) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
          .getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private TaskObservation run(String credentials, String secretValue) throws InterruptedException {
    TaskRun run = TaskRun.launch(runtime, DockerFixture.spec(INSTANCE, "{'family':'private','containerDefinitions':["
        + "{'name':'app','image':'" + image + "','memory':16,'stopTimeout':1,'command':['sleep','60']" + credentials
        + "}]}"), (taskId, valueFrom) -> {
          asked.add(valueFrom);
          return secretValue;
        }, TaskRun.Settings.defaults().withPollInterval(Duration.ofMillis(100)), o -> { });
    try {
      return await(Duration.ofSeconds(60), run::observation, o -> o.lastStatus() == TaskStatus.RUNNING
          || o.lastStatus() == TaskStatus.STOPPED);
    } finally {
      run.stop("test over");
      run.awaitStopped(Duration.ofSeconds(20));
      run.remove();
    }
  }

  @Test
  void aTaskPullsThePrivateImageWithTheCredentialsOfItsSecretAndFailsClearlyWithoutThem() throws Exception {
    String json = "{\"username\": \"" + USER + "\", \"password\": \"" + PASSWORD + "\"}";

    TaskObservation without = run("", json);
    TaskObservation wrong = run(",'repositoryCredentials':{'credentialsParameter':'" + SECRET + "'}",
        "{\"username\": \"" + USER + "\", \"password\": \"wrong\"}");
    TaskObservation with = run(",'repositoryCredentials':{'credentialsParameter':'" + SECRET + "'}", json);

    assertThat(without.lastStatus()).isEqualTo(TaskStatus.STOPPED);
    assertThat(without.stoppedReason()).hasValueSatisfying(r -> assertThat(r).contains("CannotPullContainerError:"
        + " registry " + address + " asks for credentials to pull the image; set the container's"
        + " repositoryCredentials to a secret"));
    assertThat(wrong.stoppedReason()).hasValueSatisfying(r -> assertThat(r).contains("CannotPullContainerError:"
        + " registry " + address + " refused the credentials of user berth").doesNotContain("wrong"));
    assertThat(with.lastStatus()).as(with.stoppedReason().orElse("")).isEqualTo(TaskStatus.RUNNING);
    assertThat(asked).containsExactly(SECRET, SECRET);
  }

  @Test
  void aSecretThatHoldsNoCredentialsStopsTheTaskWithoutShowingIt() throws Exception {
    TaskObservation stopped = run(",'repositoryCredentials':{'credentialsParameter':'" + SECRET + "'}",
        "hunter2-not-json");

    assertThat(stopped.stoppedReason()).hasValueSatisfying(r -> assertThat(r).contains(
        "ResourceInitializationError: secret " + SECRET + " does not hold registry credentials: expected a JSON"
            + " object {\"username\": ..., \"password\": ...}").doesNotContain("hunter2"));
  }
}
