package dev.custody.projections.device;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * The read models a rebuild fills beside the live ones, in schema {@value #REBUILD}, and swaps in when complete.
 * <p>
 * Each rebuild table is a copy of its live table's definition (columns, defaults, generated columns, checks and
 * keys, read from the catalogue, so they always match the migrations), without secondary indexes while millions of
 * rows are loaded: those are built once at the end, from the live tables' own definitions, under their own names.
 * The projection's SQL names tables without a schema; a rebuild's transactions put {@value #REBUILD} first on their
 * search path ({@link ProjectionStore#writeToRebuildTables()}), so the same statements fill the rebuild tables while
 * live processing goes on writing the live ones. Alerts stay in the live schema: they are never rebuilt.
 * <p>
 * The swap moves each live table to {@value #RETIRED} and each rebuilt one into the live schema, in the caller's
 * transaction, then drops the retired ones: readers see the old tables or the new, never a mix or an empty one. The
 * read-model tables must have no views or foreign keys depending on them.
 */
@Component
public class RebuildTables {

    static final String REBUILD = "projection_rebuild";
    static final String RETIRED = "projection_retired";
    /** The rebuildable read models; alert and alert_log are not among them. */
    static final List<String> TABLES = List.of("device_status", "custody_period", "logging_lag");

    private final JdbcTemplate jdbc;

    RebuildTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty rebuild tables shaped like the live ones, with their keys (the projection's upserts need them). */
    public void prepare() {
        String live = liveSchema();
        discard();
        for (String table : TABLES) {
            jdbc.execute("create table " + REBUILD + "." + table + " (like " + live + "." + table
                    + " including all excluding indexes)");
            for (Map<String, Object> key : jdbc.queryForList("select conname, pg_get_constraintdef(oid) as def "
                    + "from pg_constraint where conrelid = ?::regclass and contype in ('p', 'u', 'x') order by conname",
                    live + "." + table)) {
                jdbc.execute("alter table " + REBUILD + "." + table + " add constraint " + key.get("conname") + " "
                        + key.get("def"));
            }
        }
    }

    /** Builds the live tables' secondary indexes on the loaded rebuild tables, and their planner statistics. */
    public void finishLoading() {
        String live = liveSchema();
        for (String table : TABLES) {
            List<String> definitions = jdbc.queryForList("select pg_get_indexdef(i.indexrelid) from pg_index i "
                    + "where i.indrelid = ?::regclass and not exists "
                    + "(select 1 from pg_constraint c where c.conindid = i.indexrelid) order by i.indexrelid",
                    String.class, live + "." + table);
            for (String definition : definitions) {
                jdbc.execute(definition.replace(" ON " + live + "." + table + " ",
                        " ON " + REBUILD + "." + table + " "));
            }
            jdbc.execute("analyze " + REBUILD + "." + table);
        }
    }

    /** Puts the rebuilt tables in place of the live ones. Run in the transaction that moves the tokens. */
    public void swap() {
        String live = liveSchema();
        for (String table : TABLES) {
            jdbc.execute("drop table if exists " + RETIRED + "." + table);
            jdbc.execute("alter table " + live + "." + table + " set schema " + RETIRED);
            jdbc.execute("alter table " + REBUILD + "." + table + " set schema " + live);
            jdbc.execute("drop table " + RETIRED + "." + table);
        }
    }

    /** Drops whatever a failed or abandoned rebuild left. */
    public void discard() {
        for (String table : TABLES) {
            jdbc.execute("drop table if exists " + REBUILD + "." + table);
        }
    }

    private String liveSchema() {
        return jdbc.queryForObject("select current_schema()", String.class);
    }
}
