package dev.parkedge.gateway.cli;

import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.config.ConfigLoader;
import dev.parkedge.gateway.config.GatewayConfig;
import dev.parkedge.gateway.config.SecretFile;
import dev.parkedge.gateway.config.SerialBusConfig;
import dev.parkedge.gateway.ops.Operations;
import dev.parkedge.gateway.os.KernelClock;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The checks behind {@code parkedge doctor}: is this installation able to run the gateway? Each
 * finding says what is wrong and what to do about it. Reads the files an installation consists of;
 * asks the daemon only whether it answers.
 */
final class Doctor {

  enum Level {
    OK,
    WARN,
    FAIL
  }

  /** One check's outcome; {@code fix} is empty when there is nothing to do. */
  record Finding(Level level, String check, String detail, String fix) {}

  /** Where the accounts are, and how to ask things the checks cannot read from files. */
  record Environment(
      Path passwd,
      Path group,
      Optional<Boolean> clockSynchronised,
      BooleanSupplier daemonAnswers,
      Path cdsArchive) {

    static Environment system(BooleanSupplier daemonAnswers) {
      return new Environment(
          Path.of("/etc/passwd"),
          Path.of("/etc/group"),
          KernelClock.synchronised(),
          daemonAnswers,
          Path.of("/var/cache/parkedge/parkedge.jsa"));
    }
  }

  private final Path config;
  private final String user;
  private final Environment env;
  private final List<Finding> findings = new ArrayList<>();

  Doctor(Path config, String user, Environment env) {
    this.config = config;
    this.user = user;
    this.env = env;
  }

  List<Finding> run() {
    GatewayConfig gateway = configuration();
    boolean userExists = account();
    if (gateway != null) {
      dataDir(gateway, userExists);
      secrets(gateway, userExists);
      serial(gateway);
      gpio(gateway);
      ports(gateway);
      disk(gateway);
    }
    clock();
    cds();
    return List.copyOf(findings);
  }

  private void add(Level level, String check, String detail, String fix) {
    findings.add(new Finding(level, check, detail, fix));
  }

  // ---- config -------------------------------------------------------------------------------

  private GatewayConfig configuration() {
    if (!Files.isReadable(config)) {
      add(
          Level.FAIL,
          "config",
          config + " cannot be read",
          "install the package (it ships /etc/parkedge/gateway.yaml) or pass -c FILE");
      return null;
    }
    try {
      GatewayConfig gateway = ConfigLoader.loadGateway(config);
      ConfigLoader.loadSite(gateway.siteFile(), gateway);
      add(Level.OK, "config", config + " and " + gateway.siteFile() + " are valid", "");
      return gateway;
    } catch (ConfigException e) {
      add(
          Level.FAIL,
          "config",
          String.join("\n", e.problems()),
          "fix the lines named above, then: parkedge check -c " + config);
      return null;
    }
  }

  // ---- the service user and its groups -----------------------------------------------------

  private boolean account() {
    List<String[]> passwd = table(env.passwd());
    if (passwd.stream().noneMatch(entry -> entry[0].equals(user))) {
      add(
          Level.FAIL,
          "user",
          "no user " + user,
          "reinstall the package, or: adduser --system --group --home /var/lib/parkedge " + user);
      return false;
    }
    List<String[]> groups = table(env.group());
    List<String> missing = new ArrayList<>();
    for (String needed : List.of("dialout", "gpio")) {
      Optional<String[]> group = groups.stream().filter(g -> g[0].equals(needed)).findFirst();
      if (group.isEmpty()) {
        continue; // no gpio group on a PC: nothing to be in
      }
      boolean member =
          group.get().length > 3 && Arrays.asList(group.get()[3].split(",")).contains(user);
      if (!member) {
        missing.add(needed);
      }
    }
    if (missing.isEmpty()) {
      add(Level.OK, "user", user + " exists and is in the groups its devices need", "");
    } else {
      add(
          Level.FAIL,
          "user",
          user + " is not in " + String.join(", ", missing),
          "adduser "
              + user
              + " "
              + missing.get(0)
              + (missing.size() > 1 ? " (and each other group)" : "")
              + ", then restart: systemctl restart parkedge-gateway");
    }
    return true;
  }

  private static List<String[]> table(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(l -> l.split(":", -1))
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  // ---- files --------------------------------------------------------------------------------

  private void dataDir(GatewayConfig gateway, boolean userExists) {
    Path dir = gateway.dataDir();
    if (!Files.isDirectory(dir)) {
      add(
          Level.FAIL,
          "data",
          dir + " does not exist",
          "mkdir -p " + dir + " && chown " + user + ": " + dir);
      return;
    }
    List<String> wrong = new ArrayList<>();
    for (Path path : paths(dir, gateway.database())) {
      Optional<PosixFileAttributes> attributes = attributes(path);
      if (attributes.isEmpty()) {
        continue;
      }
      String owner = attributes.get().owner().getName();
      boolean ownerWrites =
          attributes.get().permissions().contains(PosixFilePermission.OWNER_WRITE);
      if (userExists && (!owner.equals(user) || !ownerWrites)) {
        wrong.add(path + " (owner " + owner + ")");
      }
    }
    if (wrong.isEmpty()) {
      add(Level.OK, "data", dir + " is writable by " + user, "");
    } else {
      add(
          Level.FAIL,
          "data",
          "not writable by " + user + ": " + String.join(", ", wrong),
          "chown -R " + user + ": " + dir);
    }
  }

  private static List<Path> paths(Path dir, Path database) {
    List<Path> paths = new ArrayList<>(List.of(dir));
    for (Path file :
        List.of(
            database,
            database.resolveSibling(database.getFileName() + "-wal"),
            database.resolveSibling("backups"))) {
      if (Files.exists(file)) {
        paths.add(file);
      }
    }
    return paths;
  }

  private static Optional<PosixFileAttributes> attributes(Path path) {
    try {
      return Optional.of(
          Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  private void secrets(GatewayConfig gateway, boolean userExists) {
    List<Path> files = new ArrayList<>();
    if (gateway.lorawan() != null && gateway.lorawan().passwordFile() != null) {
      files.add(gateway.lorawan().passwordFile());
    }
    gateway.coapDevices().ifPresent(coap -> files.add(coap.pskFile()));
    for (Path file : files) {
      Optional<String> problem = SecretFile.problem(file);
      Optional<PosixFileAttributes> attributes = attributes(file);
      if (problem.isPresent()) {
        add(Level.FAIL, "secrets", file + ": " + problem.get(), "chmod 600 " + file);
      } else if (userExists
          && attributes.isPresent()
          && !attributes.get().owner().getName().equals(user)) {
        add(
            Level.FAIL,
            "secrets",
            file
                + " belongs to "
                + attributes.get().owner().getName()
                + "; "
                + user
                + " cannot read it",
            "chown " + user + ": " + file);
      } else {
        add(Level.OK, "secrets", file + " is readable by " + user + " only", "");
      }
    }
  }

  // ---- devices ------------------------------------------------------------------------------

  private void serial(GatewayConfig gateway) {
    for (SerialBusConfig bus : gateway.serial()) {
      Path port = Path.of(bus.port());
      if (!Files.exists(port)) {
        add(
            Level.FAIL,
            "serial",
            "bus " + bus.name() + ": " + port + " is not there",
            "plug in the adapter (ls /dev/serial/by-id/ lists what is there) or fix serial["
                + gateway.serial().indexOf(bus)
                + "].port in "
                + gateway.file());
        continue;
      }
      Optional<PosixFileAttributes> attributes = attributes(realPath(port));
      String group = attributes.map(a -> a.group().getName()).orElse("?");
      add(
          Level.OK,
          "serial",
          "bus " + bus.name() + ": " + port + " present (group " + group + ")",
          "");
    }
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path;
    }
  }

  private void gpio(GatewayConfig gateway) {
    if (gateway.gpio().isEmpty()) {
      return;
    }
    try (DirectoryStream<Path> chips = Files.newDirectoryStream(Path.of("/dev"), "gpiochip*")) {
      if (chips.iterator().hasNext()) {
        add(Level.OK, "gpio", "GPIO chips present", "");
        return;
      }
    } catch (IOException e) {
      // no /dev: reported below
    }
    add(
        Level.WARN,
        "gpio",
        "gateway.yaml has a gpio section but this box has no /dev/gpiochip*",
        "remove the gpio section on a box without GPIO");
  }

  // ---- ports --------------------------------------------------------------------------------

  private void ports(GatewayConfig gateway) {
    int coap = gateway.api().coapPort();
    if (env.daemonAnswers().getAsBoolean()) {
      add(Level.OK, "daemon", "running: answers on udp " + gateway.api().bind() + ":" + coap, "");
    } else if (udpFree(gateway.api().bind(), coap)) {
      add(
          Level.WARN,
          "daemon",
          "not running (udp " + coap + " is free for it)",
          "systemctl start parkedge-gateway; journalctl -u parkedge-gateway says why it stopped");
    } else {
      add(
          Level.FAIL,
          "ports",
          "udp " + gateway.api().bind() + ":" + coap + " is taken by another program",
          "ss -ulpn | grep " + coap + "; stop it or set api.coap_port in " + gateway.file());
    }
    var metrics = gateway.operations().metrics();
    if (metrics.enabled()
        && !env.daemonAnswers().getAsBoolean()
        && !tcpFree(metrics.bind(), metrics.port())) {
      add(
          Level.FAIL,
          "ports",
          "tcp " + metrics.bind() + ":" + metrics.port() + " (metrics) is taken by another program",
          "ss -tlpn | grep " + metrics.port() + "; stop it or set metrics.port");
    }
  }

  private static boolean udpFree(String bind, int port) {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(bind, port))) {
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean tcpFree(String bind, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(bind, port));
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  // ---- disk, clock, class-data sharing ------------------------------------------------------

  private void disk(GatewayConfig gateway) {
    Path dir =
        Files.isDirectory(gateway.dataDir()) ? gateway.dataDir() : gateway.file().getParent();
    OptionalLong free = Operations.diskFree(dir);
    long floorMb = gateway.operations().health().diskFloorMb();
    if (free.isEmpty()) {
      return;
    }
    long freeMb = free.getAsLong() / (1024 * 1024);
    if (freeMb < floorMb) {
      add(
          Level.FAIL,
          "disk",
          freeMb + " MB free under " + dir + ", below health.disk_floor_mb " + floorMb,
          "free space: old backups in "
              + dir.resolve("backups")
              + ", journalctl --vacuum-size=50M");
    } else {
      add(Level.OK, "disk", freeMb + " MB free under " + dir, "");
    }
  }

  private void clock() {
    Optional<Boolean> synced = env.clockSynchronised();
    if (synced.isEmpty()) {
      add(Level.WARN, "clock", "cannot ask the kernel whether the clock is synchronised", "");
    } else if (synced.get()) {
      add(Level.OK, "clock", "system clock synchronised (NTP)", "");
    } else {
      add(
          Level.FAIL,
          "clock",
          "system clock not synchronised: fees and reports depend on it",
          "timedatectl set-ntp true (systemd-timesyncd) or install chrony; the box needs to reach"
              + " an NTP server");
    }
  }

  private void cds() {
    if (Files.isRegularFile(env.cdsArchive())) {
      add(Level.OK, "jvm", "class-data sharing archive " + env.cdsArchive() + " present", "");
    } else if (Files.isDirectory(Path.of("/usr/share/parkedge"))) {
      add(
          Level.WARN,
          "jvm",
          "no class-data sharing archive at " + env.cdsArchive() + ": start-up is slower",
          "dpkg-reconfigure parkedge (rebuilds it)");
    }
  }

  /** Exit status: 1 when any check failed, else 0. */
  static int exitStatus(List<Finding> findings) {
    return findings.stream().anyMatch(f -> f.level() == Level.FAIL) ? 1 : 0;
  }
}
