package dev.custody.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL the run measures: an embedded one (zonky binaries, data in the work directory, durable), or an
 * existing server given by its admin URL. Either way the run gets a database of its own, dropped and created
 * afresh, so that every run starts from the same empty store.
 */
final class Database implements AutoCloseable {

    /** Settings that decide what a commit costs; reported with every result. */
    static final List<String> REPORTED_SETTINGS = List.of("fsync", "synchronous_commit", "full_page_writes",
            "wal_sync_method", "commit_delay", "shared_buffers", "max_connections", "wal_level", "max_wal_size", "data_directory");

    private final EmbeddedPostgres embedded;
    private final String adminUrl;
    private final String user;
    private final String password;
    private final String database;

    private Database(EmbeddedPostgres embedded, String adminUrl, String user, String password, String database) {
        this.embedded = embedded;
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.database = database;
    }

    static Database start(BenchConfig config) throws IOException {
        if (!config.embedded()) {
            return new Database(null, config.pgUrl, config.pgUser, config.pgPassword, config.database);
        }
        Path data = config.workDir.resolve("postgres");
        Files.createDirectories(data);
        // zonky turns synchronous_commit off by default: a benchmark of durable commits must turn it back on.
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "300")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("max_wal_size", "4GB")
                .start();
        return new Database(postgres, postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", config.database);
    }

    String kind() {
        return embedded != null ? "embedded (zonky " + embedded.getPort() + ")" : "external " + adminUrl;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** JDBC URL of the run's own database. */
    String url() {
        return urlOf(database);
    }

    String urlOf(String db) {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        String params = query < 0 ? "" : adminUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + db + params;
    }

    /** Drops and creates a database, so the run starts from an empty store. */
    void recreate(String db) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + db + " with (force)");
            s.execute("create database " + db);
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }

    Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(urlOf(db), user, password);
    }

    String version() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    Map<String, String> settings() throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String name : REPORTED_SETTINGS) {
                try (ResultSet rs = s.executeQuery("show " + name)) {
                    rs.next();
                    out.put(name, rs.getString(1));
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
