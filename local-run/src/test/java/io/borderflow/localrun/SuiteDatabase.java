package io.borderflow.localrun;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A plain JDBC connection to one service's database of a running suite, for tests that read what was stored. */
final class SuiteDatabase {
    private SuiteDatabase() {}

    static Connection connect(int postgresPort, String database) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + postgresPort + "/" + database, "postgres", "postgres");
    }
}
