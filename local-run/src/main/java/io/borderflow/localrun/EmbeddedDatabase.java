package io.borderflow.localrun;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The suite's embedded PostgreSQL (zonky): its data kept in a folder between runs, listening on one port, with the
 * settings of BORDERFLOW_POSTGRES_SETTINGS added to its own and synchronous commits on, so that an acknowledged write
 * survives a crash. {@link #stop} and {@link #start} again keep the data and the port, as an outage would.
 */
final class EmbeddedDatabase implements AutoCloseable {
    /** PostgreSQL settings an acknowledged write's durability rests on. */
    static final List<String> DURABILITY =
            List.of("synchronous_commit", "fsync", "full_page_writes", "wal_sync_method");

    private final Path data;
    private final int port;
    private EmbeddedPostgres postgres;

    /** A server (not started yet) with its data in {@code data} and listening on {@code port}. */
    EmbeddedDatabase(Path data, int port) {
        this.data = data;
        this.port = port;
    }

    /**
     * Starts PostgreSQL on its port and data folder, creating the folder the first time.
     *
     * @throws IllegalStateException when it is already running
     * @throws SuiteStartException when it does not start
     */
    synchronized void start() {
        if (postgres != null) {
            throw new IllegalStateException("PostgreSQL is already running");
        }
        Map<String, String> added = postgresSettings(System.getenv("BORDERFLOW_POSTGRES_SETTINGS"));
        try {
            Files.createDirectories(data);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // zonky turns synchronous commits off for test speed; an acknowledged write must survive a
                    // PostgreSQL crash, so a commit returns only once its WAL is flushed
                    .setServerConfig("synchronous_commit", "on")
                    .setPGStartupWait(Duration.ofSeconds(60));
            added.forEach(builder::setServerConfig);
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new SuiteStartException(
                    "embedded PostgreSQL did not start on port " + port
                            + " with data in " + data + ": " + e.getMessage()
                            + " (a data folder from another PostgreSQL version? start with --reset)",
                    e);
        }
    }

    /**
     * Creates each of the databases that does not exist yet, with its two roles (docs/security.md, "Database roles"):
     * the migration role, named as the database, owns it and runs Flyway; the runtime role, {@code <database>_runtime},
     * is the one the service serves calls as (its privileges are granted by the service's own migrations). A database
     * of an earlier run, owned by postgres, is handed to its migration role.
     */
    void createDatabases(List<String> databases) {
        try (Connection connection = connect("postgres")) {
            for (String database : databases) {
                createRole(connection, migrationRole(database));
                createRole(connection, runtimeRole(database));
                try (PreparedStatement exists =
                        connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                    exists.setString(1, database);
                    if (!exists.executeQuery().next()) {
                        connection
                                .createStatement()
                                .execute("create database " + database + " owner " + migrationRole(database));
                    } else {
                        handOver(database);
                    }
                }
            }
        } catch (SQLException e) {
            throw new SuiteStartException("could not create the services' databases: " + e.getMessage(), e);
        }
    }

    /** The role that owns a service's database and runs its migrations. */
    static String migrationRole(String database) {
        return database;
    }

    /** The role a service serves calls as. */
    static String runtimeRole(String database) {
        return database + "_runtime";
    }

    /**
     * A role's password. The embedded server trusts every local connection (zonky initialises it so), so the password
     * only keeps the services configured as they are against a real server.
     */
    static String password(String role) {
        return role;
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + port + "/" + database, "postgres", "postgres");
    }

    private static void createRole(Connection connection, String role) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            exists.setString(1, role);
            if (!exists.executeQuery().next()) {
                connection
                        .createStatement()
                        .execute("create role " + role + " login password '" + password(role) + "'");
            }
        }
    }

    /**
     * Makes the migration role the owner of a database and of everything in its schema, as it is of a database created
     * now: data folders of runs before the two roles have everything owned by postgres.
     */
    private void handOver(String database) throws SQLException {
        String owner = migrationRole(database);
        try (Connection connection = connect(database);
                Statement sql = connection.createStatement()) {
            sql.execute("alter database " + database + " owner to " + owner);
            // tables first: their identity sequences and indexes follow them
            for (String kind : List.of("r", "v", "S")) {
                List<String> names = new ArrayList<>();
                try (PreparedStatement owned = connection.prepareStatement(
                        "select c.oid::regclass::text from pg_class c"
                                + " join pg_namespace n on n.oid = c.relnamespace"
                                + " where n.nspname = 'public' and c.relkind = ? and pg_get_userbyid(c.relowner) <> ?")) {
                    owned.setString(1, kind);
                    owned.setString(2, owner);
                    ResultSet rows = owned.executeQuery();
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                String type = kind.equals("S") ? "sequence" : kind.equals("v") ? "view" : "table";
                for (String name : names) {
                    sql.execute("alter " + type + " " + name + " owner to " + owner);
                }
            }
            List<String> routines = new ArrayList<>();
            try (PreparedStatement owned = connection.prepareStatement("select p.oid::regprocedure::text from pg_proc p"
                    + " join pg_namespace n on n.oid = p.pronamespace"
                    + " where n.nspname = 'public' and pg_get_userbyid(p.proowner) <> ?")) {
                owned.setString(1, owner);
                ResultSet rows = owned.executeQuery();
                while (rows.next()) {
                    routines.add(rows.getString(1));
                }
            }
            for (String routine : routines) {
                sql.execute("alter routine " + routine + " owner to " + owner);
            }
        }
    }

    /**
     * Stops PostgreSQL as an outage would, whatever is connected to it; the data stays for {@link #start}.
     *
     * @throws IllegalStateException when it is not running
     * @throws SuiteStartException when it does not stop
     */
    synchronized void stop() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is not running");
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new SuiteStartException("PostgreSQL did not stop: " + e.getMessage(), e);
        } finally {
            postgres = null;
        }
    }

    /** Stops PostgreSQL if it runs, reporting rather than throwing when it does not stop cleanly. */
    @Override
    public synchronized void close() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            postgres = null;
        }
    }

    /**
     * PostgreSQL settings added to the embedded server's, from BORDERFLOW_POSTGRES_SETTINGS: space-separated
     * {@code name=value} pairs (to profile or try settings, e.g. {@code shared_preload_libraries=pg_stat_statements}).
     * The settings an acknowledged write's durability rests on ({@link #DURABILITY}) cannot be changed this way.
     *
     * @throws SuiteStartException for a pair without a name or an {@code =}, or one of {@link #DURABILITY}
     */
    static Map<String, String> postgresSettings(String text) {
        Map<String, String> chosen = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return chosen;
        }
        for (String pair : text.trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new SuiteStartException(
                        "BORDERFLOW_POSTGRES_SETTINGS: expected name=value, got \"" + pair + "\"");
            }
            String name = pair.substring(0, eq);
            if (DURABILITY.contains(name.toLowerCase(Locale.ROOT))) {
                throw new SuiteStartException("BORDERFLOW_POSTGRES_SETTINGS: " + name + " cannot be changed: an"
                        + " acknowledged write must survive a crash (" + String.join(", ", DURABILITY)
                        + " stay as they are)");
            }
            chosen.put(name, pair.substring(eq + 1));
        }
        return chosen;
    }
}
