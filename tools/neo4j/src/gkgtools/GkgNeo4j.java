package gkgtools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * A local Neo4j for gkg: the embedded database with its Bolt server on 127.0.0.1 only.
 *
 * <p>Usage: {@code GkgNeo4j --home DIR --port N --pagecache SIZE}. The password of the user
 * {@code neo4j} is read as the first line of standard input (never from the command line, where
 * any user could read it in the process list) and set through the system database. Prints one
 * line starting {@code gkg-neo4j: ready} when Bolt accepts logins with it; SIGTERM shuts the
 * database down cleanly.
 */
public final class GkgNeo4j {
    static final String PREFIX = "gkg-neo4j: ";
    private static final String SET_PASSWORD =
            "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED";

    private GkgNeo4j() {
    }

    public static void main(String[] args) {
        try {
            run(Options.parse(args));
        } catch (IllegalArgumentException | IOException e) {
            System.out.println(PREFIX + "failed: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            System.out.println(PREFIX + "failed: " + e);
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }

    private static void run(Options options) throws IOException {
        String password = readPassword();
        long began = System.nanoTime();
        DatabaseManagementService dbms = build(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println(PREFIX + "stopping");
            dbms.shutdown();
            System.out.println(PREFIX + "stopped");
            stopped.countDown();
        }, "gkg-neo4j-shutdown"));

        setPassword(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password);
        String version = version(dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME));
        long millis = (System.nanoTime() - began) / 1_000_000;
        System.out.printf("%sready on bolt://127.0.0.1:%d (Neo4j %s, %d ms)%n",
                PREFIX, options.port, version, millis);
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sets the password of {@code neo4j}. Neo4j refuses a "new" password equal to the old one,
     * as on a restart that keeps it, so a random one nobody knows goes in between.
     */
    private static void setPassword(GraphDatabaseService system, String password) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String between = Base64.getUrlEncoder().encodeToString(random);
        for (String next : new String[] {between, password}) {
            system.executeTransactionally(SET_PASSWORD, Map.of("password", next));
        }
    }

    /** The database with Bolt on loopback only, no HTTP, auth on, nothing calling out. */
    private static DatabaseManagementService build(Options options) {
        return new DatabaseManagementServiceBuilder(options.home)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.default_listen_address,
                        new SocketAddress("127.0.0.1"))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address,
                        new SocketAddress("127.0.0.1", options.port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, options.pageCacheBytes)
                .setConfig(GraphDatabaseSettings.log_queries,
                        GraphDatabaseSettings.LogQueryLevel.OFF)
                // Bolt's network threads wait this many seconds for stray work when stopping
                // (5 by default, twice); its connections are closed before, so 1 is enough.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 1)
                .build();
    }

    private static String version(GraphDatabaseService db) {
        return db.executeTransactionally(
                "CALL dbms.components() YIELD versions RETURN versions[0] AS v",
                Map.of(), result -> String.valueOf(result.next().get("v")));
    }

    /** The first line of standard input; at least 8 characters, as Neo4j requires. */
    private static String readPassword() throws IOException {
        BufferedReader in =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        in.close();
        if (line == null || line.length() < 8) {
            throw new IllegalArgumentException(
                    "expected the password (8 or more characters) as the first line of stdin");
        }
        return line;
    }

    /** Command-line options: where the database lives, its Bolt port, its page cache. */
    static final class Options {
        Path home;
        int port;
        long pageCacheBytes;

        static Options parse(String[] args) {
            Options o = new Options();
            String pageCache = "512m";
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--home" -> o.home = Path.of(args[i + 1]).toAbsolutePath();
                    case "--port" -> o.port = Integer.parseInt(args[i + 1]);
                    case "--pagecache" -> pageCache = args[i + 1];
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (o.home == null || o.port <= 0 || o.port > 65535) {
                throw new IllegalArgumentException(
                        "usage: GkgNeo4j --home DIR --port N [--pagecache SIZE]");
            }
            o.pageCacheBytes = ByteUnit.parse(pageCache);
            return o;
        }
    }
}
