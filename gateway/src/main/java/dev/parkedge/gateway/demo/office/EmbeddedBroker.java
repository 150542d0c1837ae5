package dev.parkedge.gateway.demo.office;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A real MQTT 3.1.1 broker (Moquette) inside the demo's process, on a free loopback port: in-memory
 * sessions and queues, anonymous clients, no WebSocket, and its telemetry (a call home at start-up)
 * off. The agent and the collector talk to it over TCP exactly as they talk to Mosquitto.
 *
 * <p>Only the demo needs a broker, and Moquette brings Netty, H2's MVStore and Commons Codec: 2,400
 * classes whose entries in the jar's central directory the daemon would hold in its heap for its
 * whole life (~260 KB; gateway/DESIGN-DECISIONS.md, "The demo's broker is a jar inside the jar").
 * So parkedge.jar carries them as jars of their own under {@link #NESTED}, and the demo loads them
 * in a class loader of its own, extracted to a temporary folder that {@link #close} removes. Run
 * from the build's classpath (tests), where Moquette is on the classpath, it is used from there.
 */
final class EmbeddedBroker implements AutoCloseable {

  /** Where parkedge.jar carries the broker's jars (gateway/pom.xml, demo-broker-jars). */
  static final String NESTED = "META-INF/parkedge/demo-broker/";

  private static final String SERVER = "io.moquette.broker.Server";

  private final Object server;
  private final Class<?> serverClass;
  private final int port;
  private final URLClassLoader loader; // null when Moquette came with the classpath
  private final Path extracted;

  private EmbeddedBroker(
      Object server, Class<?> serverClass, int port, URLClassLoader loader, Path extracted) {
    this.server = server;
    this.serverClass = serverClass;
    this.port = port;
    this.loader = loader;
    this.extracted = extracted;
  }

  static EmbeddedBroker start(int port) throws IOException {
    Properties p = new Properties();
    p.setProperty("host", "127.0.0.1");
    p.setProperty("port", Integer.toString(port));
    p.setProperty("websocket_port", "disabled");
    p.setProperty("allow_anonymous", "true");
    p.setProperty("persistence_enabled", "false");
    p.setProperty("telemetry_enabled", "false");
    p.setProperty("netty.epoll", "false");
    p.setProperty("use_metrics", "false");
    p.setProperty("use_bugsnag", "false");
    ClassLoader own = EmbeddedBroker.class.getClassLoader();
    Path extracted = null;
    URLClassLoader loader = null;
    if (own.getResource(SERVER.replace('.', '/') + ".class") == null) {
      extracted = Files.createTempDirectory("parkedge-demo-broker-");
      loader = new URLClassLoader("demo-broker", extract(extracted), own);
    }
    ClassLoader classes = loader != null ? loader : own;
    Thread thread = Thread.currentThread();
    ClassLoader context = thread.getContextClassLoader();
    thread.setContextClassLoader(classes);
    try {
      Class<?> serverClass = Class.forName(SERVER, true, classes);
      Class<?> configType = Class.forName("io.moquette.broker.config.IConfig", true, classes);
      Object config =
          Class.forName("io.moquette.broker.config.MemoryConfig", true, classes)
              .getConstructor(Properties.class)
              .newInstance(p);
      Object server = serverClass.getConstructor().newInstance();
      serverClass.getMethod("startServer", configType).invoke(server, config);
      return new EmbeddedBroker(server, serverClass, port, loader, extracted);
    } catch (InvocationTargetException e) {
      closeQuietly(loader, extracted);
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("the demo's broker did not start: " + e.getCause(), e);
    } catch (ReflectiveOperationException e) {
      closeQuietly(loader, extracted);
      throw new IllegalStateException("this build carries no usable demo broker: " + e, e);
    } finally {
      thread.setContextClassLoader(context);
    }
  }

  /** Copies the broker's jars out of the jar this class came from; their URLs. */
  private static URL[] extract(Path into) throws IOException {
    Path jar = ownJar();
    List<URL> urls = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        if (name.startsWith(NESTED)
            && name.endsWith(".jar")
            && name.indexOf('/', NESTED.length()) < 0) {
          Path file = into.resolve(name.substring(NESTED.length()));
          try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
          }
          urls.add(url(file));
        }
      }
    }
    if (urls.isEmpty()) {
      throw new IOException(jar + " carries no demo broker under " + NESTED + ": rebuild it");
    }
    return urls.toArray(new URL[0]);
  }

  private static Path ownJar() throws IOException {
    CodeSource source = EmbeddedBroker.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IOException("cannot tell which jar the demo runs from");
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IOException("cannot read the jar the demo runs from, " + source.getLocation(), e);
    }
  }

  private static URL url(Path file) {
    try {
      return file.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    try {
      serverClass.getMethod("stopServer").invoke(server);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the demo's broker did not stop: " + e, e);
    } finally {
      closeQuietly(loader, extracted);
    }
  }

  /** Closes the broker's class loader and removes its extracted jars. */
  private static void closeQuietly(URLClassLoader loader, Path extracted) {
    if (loader != null) {
      try {
        loader.close();
      } catch (IOException e) {
        // its files go below anyway
      }
    }
    if (extracted != null) {
      try (Stream<Path> files = Files.walk(extracted)) {
        files.sorted(Comparator.reverseOrder()).forEach(EmbeddedBroker::deleteQuietly);
      } catch (IOException e) {
        // a temporary folder left behind; the system's tmp cleaning takes it
      }
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // as above
    }
  }
}
