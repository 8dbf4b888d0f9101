package dev.custody.server.eventstore;

import dev.custody.server.support.CustodyIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event store is append-only in the database, not only in the code: the trigger refuses an UPDATE and a DELETE
 * (and a TRUNCATE) even from the superuser the tests connect as, and the least-privilege role of docs/operations.md can
 * append and read events but has no privilege to change, remove or un-trigger them.
 */
class EventStoreAppendOnlyIT extends CustodyIT {

    private static final Path OPERATIONS = Path.of("..", "docs", "operations.md");

    @Autowired
    JdbcTemplate db;

    @Test
    void an_update_and_a_delete_of_stored_events_are_refused_and_change_nothing() {
        String id = seizeVictimPhone();
        List<Map<String, Object>> before = stored(id);
        assertThat(before).hasSize(1);

        assertRefused("update domain_event_entry set payload = convert_to('{}', 'UTF8') where aggregate_identifier = ?",
                "UPDATE", id);
        assertRefused("delete from domain_event_entry where aggregate_identifier = ?", "DELETE", id);
        // TRUNCATE is refused by the same trigger; it is checked in the catalogue rather than run, because it would
        // first queue for an exclusive lock on the table every other test is reading.
        assertThat(db.queryForObject("select (tgtype & 32) <> 0 from pg_trigger "
                + "where tgname = 'domain_event_entry_append_only'", Boolean.class)).as("fires on TRUNCATE").isTrue();

        assertThat(stored(id)).isEqualTo(before);
        assertThat(history(id)).hasSize(1);
        assertThat(api.post("officer", "/api/v1/devices/" + id + "/return",
                "{\"occurredAt\":\"" + now() + "\"}").status()).as("appending still works").isEqualTo(200);
        assertThat(stored(id)).hasSize(2);
    }

    @Test
    void the_documented_application_role_appends_and_reads_events_but_cannot_change_them() throws IOException {
        db.execute("do $$ begin if not exists (select from pg_roles where rolname = 'custody_app') then "
                + "create role custody_app nologin; end if; end $$");
        db.execute(documentedGrants());

        assertThat(privileges("domain_event_entry")).containsEntry("SELECT", true).containsEntry("INSERT", true)
                .containsEntry("UPDATE", false).containsEntry("DELETE", false).containsEntry("TRUNCATE", false);
        assertThat(privileges("alert_log")).containsEntry("INSERT", true).containsEntry("UPDATE", false);
        assertThat(privileges("device_status")).containsEntry("SELECT", true).containsEntry("UPDATE", true)
                .containsEntry("DELETE", true).containsEntry("TRUNCATE", true);
        assertThat(privileges("token_entry")).containsEntry("UPDATE", true).containsEntry("DELETE", true);
        assertThat(db.queryForObject("select has_sequence_privilege('custody_app', "
                + "'domain_event_entry_global_index_seq', 'USAGE')", Boolean.class)).isTrue();

        db.execute((ConnectionCallback<Void>) c -> {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set local role custody_app");
                s.executeQuery("select count(*) from domain_event_entry").close();
                assertSqlState(s, "update domain_event_entry set payload = payload where false", "42501");
                assertSqlState(s, "delete from domain_event_entry where false", "42501");
                assertSqlState(s, "alter table domain_event_entry disable trigger domain_event_entry_append_only",
                        "42501");
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
            return null;
        });
    }

    private void assertRefused(String sql, String operation, Object... args) {
        assertThatThrownBy(() -> db.update(sql, args)).isInstanceOf(DataAccessException.class)
                .rootCause().isInstanceOf(SQLException.class)
                .hasMessageContaining("domain_event_entry is append-only: " + operation + " refused")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
    }

    private static void assertSqlState(Statement s, String sql, String state) throws SQLException {
        s.execute("savepoint probe");
        try {
            s.execute(sql);
            throw new AssertionError("not refused: " + sql);
        } catch (SQLException refused) {
            assertThat(refused.getSQLState()).as(sql + ": " + refused.getMessage()).isEqualTo(state);
        }
        s.execute("rollback to savepoint probe");
    }

    private List<Map<String, Object>> stored(String id) {
        return db.queryForList("select global_index, sequence_number, payload_type, convert_from(payload, 'UTF8') "
                + "as payload, convert_from(meta_data, 'UTF8') as meta_data from domain_event_entry "
                + "where aggregate_identifier = ? order by sequence_number", id);
    }

    private Map<String, Boolean> privileges(String table) {
        return db.queryForObject("""
                select has_table_privilege('custody_app', ?, 'SELECT'), has_table_privilege('custody_app', ?, 'INSERT'),
                       has_table_privilege('custody_app', ?, 'UPDATE'), has_table_privilege('custody_app', ?, 'DELETE'),
                       has_table_privilege('custody_app', ?, 'TRUNCATE')""",
                (rs, i) -> Map.of("SELECT", rs.getBoolean(1), "INSERT", rs.getBoolean(2), "UPDATE", rs.getBoolean(3),
                        "DELETE", rs.getBoolean(4), "TRUNCATE", rs.getBoolean(5)),
                table, table, table, table, table);
    }

    /** The SQL block between the app-role-grants markers of docs/operations.md, exactly as an operator runs it. */
    private static String documentedGrants() throws IOException {
        String doc = Files.readString(OPERATIONS);
        int start = doc.indexOf("<!-- app-role-grants:start -->");
        int end = doc.indexOf("<!-- app-role-grants:end -->");
        assertThat(start).as("grant block in " + OPERATIONS).isNotNegative();
        String block = doc.substring(start, end);
        return block.substring(block.indexOf("```sql") + "```sql".length(), block.lastIndexOf("```"));
    }
}
