package io.borderflow.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL every service's tests run against, chosen in this order:
 * <ol>
 * <li>an external server, when {@code BORDERFLOW_TEST_DB_URL} is set (a JDBC URL of a database the tests may use to
 * create and drop databases, e.g. {@code jdbc:postgresql://localhost:5432/postgres}), with
 * {@code BORDERFLOW_TEST_DB_USER} and {@code BORDERFLOW_TEST_DB_PASSWORD} (default {@code postgres});</li>
 * <li>a Testcontainers PostgreSQL, when a Docker engine answers;</li>
 * <li>an embedded PostgreSQL 16 (zonky), which needs nothing installed.</li>
 * </ol>
 * Whatever the server, the tests get a database of their own, created empty for the test run (Flyway migrates it when
 * the application starts) and dropped afterwards, so no run sees another's leftovers. As in a deployment, the database
 * has two roles of its own: {@code bf_test_<id>} owns it and runs Flyway, {@code bf_test_<id>_runtime} is the one the
 * service serves calls as (so the user of {@code BORDERFLOW_TEST_DB_URL} must be able to create roles). Set
 * {@code BORDERFLOW_TEST_DB=embedded|testcontainers|external} to force a choice.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
    private static final Logger LOG = Logger.getLogger(PostgresTestResource.class.getName());
    private static final String IMAGE = "postgres:16-alpine";

    private EmbeddedPostgres embedded;
    private PostgreSQLContainer container;
    private String adminUrl;
    private String user;
    private String password;
    private String database;

    @Override
    public Map<String, String> start() {
        String choice = choose();
        switch (choice) {
            case "external" -> {
                adminUrl = System.getenv("BORDERFLOW_TEST_DB_URL");
                user = envOr("BORDERFLOW_TEST_DB_USER", "postgres");
                password = envOr("BORDERFLOW_TEST_DB_PASSWORD", "postgres");
            }
            case "testcontainers" -> {
                container = new PostgreSQLContainer(IMAGE);
                container.start();
                adminUrl = container.getJdbcUrl();
                user = container.getUsername();
                password = container.getPassword();
            }
            case "embedded" -> {
                try {
                    embedded = EmbeddedPostgres.builder().start();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("embedded PostgreSQL did not start", e);
                }
                adminUrl = embedded.getJdbcUrl("postgres", "postgres");
                user = "postgres";
                password = "postgres";
            }
            default ->
                throw new IllegalStateException("BORDERFLOW_TEST_DB must be embedded, testcontainers or external");
        }
        database = "bf_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        // the two roles of a deployment (docs/security.md, "Database roles"): the migration role owns the database
        // and runs Flyway, the service serves the tests' calls as the runtime role
        String migrationPassword = UUID.randomUUID().toString();
        String runtimePassword = UUID.randomUUID().toString();
        execute("CREATE ROLE " + database + " LOGIN PASSWORD '" + migrationPassword + "'");
        execute("CREATE ROLE " + runtimeRole() + " LOGIN PASSWORD '" + runtimePassword + "'");
        execute("CREATE DATABASE " + database + " OWNER " + database);
        String jdbcUrl = withDatabase(adminUrl, database);
        LOG.info(() -> "Tests use PostgreSQL (" + choice + ") database " + database + ", migrated as role " + database
                + ", served as role " + runtimeRole());

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", jdbcUrl);
        config.put("quarkus.datasource.reactive.url", jdbcUrl.substring("jdbc:".length()));
        config.put("quarkus.datasource.username", runtimeRole());
        config.put("quarkus.datasource.password", runtimePassword);
        config.put("quarkus.flyway.username", database);
        config.put("quarkus.flyway.password", migrationPassword);
        return config;
    }

    private String runtimeRole() {
        return database + "_runtime";
    }

    @Override
    public void stop() {
        try {
            if (database != null && embedded == null && container == null) {
                execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                execute("DROP ROLE IF EXISTS " + runtimeRole());
                execute("DROP ROLE IF EXISTS " + database);
            }
        } finally {
            if (container != null) {
                container.stop();
            }
            if (embedded != null) {
                try {
                    embedded.close();
                } catch (java.io.IOException e) {
                    LOG.warning("embedded PostgreSQL did not stop cleanly: " + e);
                }
            }
        }
    }

    private static String choose() {
        String forced = System.getenv("BORDERFLOW_TEST_DB");
        if (forced != null && !forced.isBlank()) {
            return forced.trim().toLowerCase(Locale.ROOT);
        }
        if (System.getenv("BORDERFLOW_TEST_DB_URL") != null) {
            return "external";
        }
        return dockerAnswers() ? "testcontainers" : "embedded";
    }

    private static boolean dockerAnswers() {
        boolean socket = java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"));
        if (!socket && System.getenv("DOCKER_HOST") == null) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database setup failed: " + sql, e);
        }
    }

    /**
     * Replaces the database of a JDBC URL, keeping host, port and parameters but the credentials (the embedded
     * server's URL names user postgres, which would win over the role a connection is opened with).
     */
    static String withDatabase(String jdbcUrl, String name) {
        int hostStart = jdbcUrl.indexOf("//") + 2;
        int slash = jdbcUrl.indexOf('/', hostStart);
        int query = jdbcUrl.indexOf('?', hostStart);
        String kept = query < 0
                ? ""
                : java.util.Arrays.stream(jdbcUrl.substring(query + 1).split("&"))
                        .filter(p -> !p.startsWith("user=") && !p.startsWith("password="))
                        .collect(java.util.stream.Collectors.joining("&"));
        String params = kept.isEmpty() ? "" : "?" + kept;
        String hostPart =
                slash >= 0 ? jdbcUrl.substring(0, slash) : (query >= 0 ? jdbcUrl.substring(0, query) : jdbcUrl);
        return hostPart + "/" + name + params;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
