package io.rampart.neo4j;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Starts embedded Neo4j Community with Bolt on and blocks until SIGTERM/SIGINT.
 *
 * <p>Usage: LocalNeo4j [--host 127.0.0.1] [--port 7687] [--data-dir .data/neo4j] [--page-cache-mb 512]
 * [--password-stdin] [--stop-on-stdin-eof]
 *
 * <p>Prints exactly one line starting with "READY " followed by the Bolt URI once the database
 * answers; the Node side waits for it. With --password-stdin the first line of standard input is
 * the password (not an argument: arguments show in `ps`); auth is then on and user neo4j gets that
 * password (set on every start, so changing it needs no reset). With --stop-on-stdin-eof the JVM
 * stops when its parent goes away, even if the parent was killed without cleaning up.
 */
public final class LocalNeo4j {
  private LocalNeo4j() {}

  public static void main(String[] args) throws InterruptedException {
    String host = "127.0.0.1";
    int port = 7687;
    String dataDir = ".data/neo4j";
    long pageCacheMb = 512;
    String password = null;
    boolean passwordStdin = false;
    boolean stopOnStdinEof = false;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--host" -> host = require(args[i], value);
        case "--port" -> port = Integer.parseInt(require(args[i], value));
        case "--data-dir" -> dataDir = require(args[i], value);
        case "--page-cache-mb" -> pageCacheMb = Long.parseLong(require(args[i], value));
        case "--password-stdin" -> {
          passwordStdin = true;
          continue;
        }
        case "--stop-on-stdin-eof" -> {
          stopOnStdinEof = true;
          continue;
        }
        default -> fail("unknown argument " + args[i]);
      }
      i++;
    }

    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    if (passwordStdin) {
      try {
        password = stdin.readLine();
      } catch (IOException e) {
        fail("could not read the password from standard input: " + e.getMessage());
      }
      if (password == null || password.isEmpty()) fail("--password-stdin: no password on standard input");
    }

    Path home = Path.of(dataDir).toAbsolutePath();
    DatabaseManagementService dbms;
    try {
      dbms =
          new DatabaseManagementServiceBuilder(home)
              .setConfig(BoltConnector.enabled, true)
              .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
              .setConfig(HttpConnector.enabled, false)
              .setConfig(GraphDatabaseSettings.auth_enabled, password != null)
              .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
              .build();
      // Touch the default database so READY means "queries will be answered".
      if (password != null) setPassword(dbms, password);
      dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null) root = root.getCause();
      fail("could not start Neo4j on " + host + ":" + port + " with data in " + home + ": " + root.getMessage());
      return;
    }

    CountDownLatch stopped = new CountDownLatch(1);
    final DatabaseManagementService running = dbms;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("STOPPING");
                  System.out.flush();
                  running.shutdown();
                  stopped.countDown();
                }));
    System.out.println("READY bolt://" + host + ":" + port);
    System.out.flush();
    if (stopOnStdinEof) {
      Thread watcher =
          new Thread(
              () -> {
                try {
                  while (stdin.read() != -1) {
                    // the parent writes nothing; we only wait for the pipe to close
                  }
                } catch (IOException ignored) {
                  // a broken pipe means the parent is gone too
                }
                System.exit(0);
              },
              "stdin-eof-watcher");
      watcher.setDaemon(true);
      watcher.start();
    }
    stopped.await();
  }

  /** Sets neo4j's password; on a restart with the same password there is nothing to change. */
  private static void setPassword(DatabaseManagementService dbms, String password) {
    try {
      dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
          .executeTransactionally(
              "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
              java.util.Map.of("password", password));
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      if (!message.contains("Old password and new password cannot be the same")) throw e;
    }
  }

  private static String require(String flag, String value) {
    if (value == null) fail(flag + " needs a value");
    return value;
  }

  private static void fail(String message) {
    System.err.println("neo4j-local: " + message);
    System.exit(2);
  }
}
