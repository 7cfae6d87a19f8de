use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

/// The full-text index the search reads: one document per organisation, position, demand,
/// consultation, section of a draft, documented change and comment (deleted comments left
/// out), kept by triggers on those tables and on what a document's tags depend on, so it changes
/// in the same transaction as the row whatever wrote it (an editor, the seed, an import). A
/// document's id is its row's id times 8 plus its kind's code, so a trigger finds it by key.
///
/// Beside its text (title and body), a document holds tags, words of their own that the search
/// adds to the reader's query, so the engine narrows and keeps out by its index alone instead of
/// reading each match's row (at 10,000 organisations a common word matches 100,000 documents):
/// - `t1`: anyone may read it (no position, or a published one; not a hidden comment);
/// - `t2`: whoever may read its position may read it (not a hidden comment);
/// - `k1`..`k7`: its kind; `p<id>`: its position; `o<id>`: the organisation it is;
/// - `e<id>`: an element its demand or consultation is mapped to; `d<id>`: the draft its
///   section or change belongs to, or its position responds to.
///
/// SQLite: an FTS5 table (Porter's English stemmer over unicode61, accents folded), the tags a
/// column of their own. PostgreSQL: a table with a stored `tsvector` made with the English,
/// French, Spanish and `simple` configurations (title weighted above body), the tags in a
/// `simple` vector of their own, and a GIN index on the two.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// One kind of document: the table it comes from, its text and tags, as SQL over a row `{r}`.
struct Source {
    table: &'static str,
    code: i64,
    kind: &'static str,
    title: &'static str,
    body: &'static str,
    /// `AGG(x, ' ')` stands for the backend's string aggregate.
    tags: &'static str,
    position: &'static str,
    draft: &'static str,
    /// Rows indexed (comments: not deleted ones).
    when: &'static str,
    /// The columns whose change rewrites the document.
    columns: &'static str,
}

/// ` t1` when the position `{p}` is published.
const PUBLISHED: &str = "COALESCE((SELECT ' t1' FROM positions pp WHERE pp.id = {p} AND pp.status = 'published'), '')";

const SOURCES: &[Source] = &[
    Source {
        table: "organisations",
        code: 1,
        kind: "organisation",
        title: "{r}.name || ' ' || {r}.acronym",
        body: "{r}.description || ' ' || {r}.country",
        tags: "'k1 t1 t2 o' || {r}.id",
        position: "NULL",
        draft: "NULL",
        when: "1 = 1",
        columns: "name, acronym, description, country",
    },
    Source {
        table: "positions",
        code: 2,
        kind: "position",
        title: "{r}.title",
        body: "{r}.summary || ' ' || {r}.addressee",
        tags: "'k2 t2 p' || {r}.id || CASE WHEN {r}.status = 'published' THEN ' t1' ELSE '' END \
               || COALESCE(' d' || {r}.responds_to_id, '')",
        position: "{r}.id",
        draft: "NULL",
        when: "1 = 1",
        columns: "title, summary, addressee, status, responds_to_id",
    },
    Source {
        table: "demands",
        code: 3,
        kind: "demand",
        title: "''",
        body: "{r}.text || ' ' || {r}.quote",
        tags: "'k3 t2 p' || {r}.position_id || {published:{r}.position_id} \
               || COALESCE((SELECT ' ' || AGG('e' || x.element_id, ' ') FROM demand_elements x WHERE x.demand_id = {r}.id), '')",
        position: "{r}.position_id",
        draft: "NULL",
        when: "1 = 1",
        columns: "text, quote, position_id",
    },
    Source {
        table: "consultations",
        code: 4,
        kind: "consultation",
        title: "{r}.title",
        body: "{r}.notes || ' ' || {r}.organiser || ' ' || {r}.venue_city || ' ' || {r}.venue_country",
        tags: "'k4 t1 t2' || COALESCE((SELECT ' ' || AGG('e' || x.element_id, ' ') FROM consultation_elements x \
               WHERE x.consultation_id = {r}.id), '')",
        position: "NULL",
        draft: "NULL",
        when: "1 = 1",
        columns: "title, notes, organiser, venue_city, venue_country",
    },
    Source {
        table: "draft_sections",
        code: 5,
        kind: "section",
        title: "{r}.number || ' ' || {r}.heading",
        body: "{r}.body",
        tags: "'k5 t1 t2 d' || {r}.draft_id",
        position: "NULL",
        draft: "{r}.draft_id",
        when: "1 = 1",
        columns: "number, heading, body, draft_id",
    },
    Source {
        table: "draft_changes",
        code: 6,
        kind: "change",
        title: "{r}.section_ref",
        body: "{r}.summary || ' ' || {r}.before_text || ' ' || {r}.after_text",
        tags: "'k6 t1 t2 d' || {r}.draft_id",
        position: "NULL",
        draft: "{r}.draft_id",
        when: "1 = 1",
        columns: "section_ref, summary, before_text, after_text, draft_id",
    },
    Source {
        table: "comments",
        code: 7,
        kind: "comment",
        title: "''",
        body: "{r}.body",
        tags: "'k7 p' || {r}.position_id \
               || CASE WHEN {r}.status = 'visible' THEN ' t2' || {published:{r}.position_id} ELSE '' END",
        position: "{r}.position_id",
        draft: "NULL",
        when: "{r}.status <> 'deleted'",
        columns: "body, status, position_id",
    },
];

/// A document's tags depend on rows of other tables: a change there rewrites the documents
/// named (as a condition on the source's rows `r`, over the changed row `{row}`).
struct Dependent {
    table: &'static str,
    /// The columns whose change matters (every insert and delete does).
    columns: &'static str,
    /// When an update matters (over OLD and NEW).
    changed: &'static str,
    /// (source table, condition on its rows `r`)
    rewrites: &'static [(&'static str, &'static str)],
}

const DEPENDENTS: &[Dependent] = &[
    // publishing or withdrawing a position opens or closes its demands and comments
    Dependent {
        table: "positions",
        columns: "status",
        changed: "OLD.status <> NEW.status",
        rewrites: &[("demands", "r.position_id = {row}.id"), ("comments", "r.position_id = {row}.id")],
    },
    Dependent {
        table: "demand_elements",
        columns: "demand_id, element_id",
        changed: "1 = 1",
        rewrites: &[("demands", "r.id = {row}.demand_id")],
    },
    Dependent {
        table: "consultation_elements",
        columns: "consultation_id, element_id",
        changed: "1 = 1",
        rewrites: &[("consultations", "r.id = {row}.consultation_id")],
    },
];

fn source(table: &str) -> &'static Source {
    SOURCES.iter().find(|s| s.table == table).expect("a dependent names a source table")
}

impl Source {
    /// A template over the row named `r`, for `backend`.
    fn sql(&self, template: &str, r: &str, backend: DatabaseBackend) -> String {
        let aggregate = if backend == DatabaseBackend::Postgres { "string_agg(" } else { "group_concat(" };
        let mut out = template.replace("AGG(", aggregate).replace("{r}", r);
        while let Some(start) = out.find("{published:") {
            let Some(len) = out[start..].find('}') else { break };
            let position = out[start + "{published:".len()..start + len].to_string();
            out.replace_range(start..start + len + 1, &PUBLISHED.replace("{p}", &position));
        }
        out
    }

    /// Writes the documents of this kind's rows `r` meeting `condition` (deleting them first).
    fn rewrite(&self, condition: &str, backend: DatabaseBackend) -> Vec<String> {
        let key = if backend == DatabaseBackend::Sqlite { "rowid" } else { "id" };
        let (t, code) = (self.table, self.code);
        vec![
            format!("DELETE FROM search_index WHERE {key} IN (SELECT CAST(r.id AS BIGINT) * 8 + {code} FROM {t} r WHERE {condition})"),
            format!(
                "INSERT INTO search_index ({key}, kind, ref_id, position_id, draft_id, title, body, tags) \
                 SELECT CAST(r.id AS BIGINT) * 8 + {code}, '{kind}', r.id, {position}, {draft}, {title}, {body}, {tags} \
                 FROM {t} r WHERE ({condition}) AND {when}",
                kind = self.kind,
                position = self.sql(self.position, "r", backend),
                draft = self.sql(self.draft, "r", backend),
                title = self.sql(self.title, "r", backend),
                body = self.sql(self.body, "r", backend),
                tags = self.sql(self.tags, "r", backend),
                when = self.sql(self.when, "r", backend),
            ),
        ]
    }

    fn delete(&self, backend: DatabaseBackend) -> String {
        let key = if backend == DatabaseBackend::Sqlite { "rowid" } else { "id" };
        format!("DELETE FROM search_index WHERE {key} = CAST(OLD.id AS BIGINT) * 8 + {}", self.code)
    }

    fn sqlite(&self) -> Vec<String> {
        let t = self.table;
        let b = DatabaseBackend::Sqlite;
        let write = self.rewrite("r.id = NEW.id", b).join("; ");
        vec![
            format!("CREATE TRIGGER search_{t}_insert AFTER INSERT ON {t} BEGIN {write}; END"),
            format!("CREATE TRIGGER search_{t}_update AFTER UPDATE OF {} ON {t} BEGIN {write}; END", self.columns),
            format!("CREATE TRIGGER search_{t}_delete AFTER DELETE ON {t} BEGIN {}; END", self.delete(b)),
        ]
    }

    fn postgres(&self) -> Vec<String> {
        let t = self.table;
        let b = DatabaseBackend::Postgres;
        vec![
            format!(
                "CREATE FUNCTION search_{t}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
                 IF TG_OP = 'DELETE' THEN {delete}; ELSE {write}; END IF; \
                 RETURN NULL; END $$",
                delete = self.delete(b),
                write = self.rewrite("r.id = NEW.id", b).join("; "),
            ),
            format!(
                "CREATE TRIGGER search_{t} AFTER INSERT OR DELETE OR UPDATE OF {} ON {t} \
                 FOR EACH ROW EXECUTE FUNCTION search_{t}()",
                self.columns
            ),
        ]
    }

    fn backfill(&self, backend: DatabaseBackend) -> Vec<String> {
        self.rewrite("1 = 1", backend).split_off(1)
    }
}

impl Dependent {
    /// The statements rewriting what depends on the changed row `row` (NEW or OLD).
    fn rewrites(&self, row: &str, backend: DatabaseBackend) -> String {
        self.rewrites
            .iter()
            .flat_map(|(table, condition)| source(table).rewrite(&condition.replace("{row}", row), backend))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn sqlite(&self) -> Vec<String> {
        let (t, b) = (self.table, DatabaseBackend::Sqlite);
        let mut out = vec![format!(
            "CREATE TRIGGER search_tags_{t}_update AFTER UPDATE OF {} ON {t} WHEN {} BEGIN {}; {}; END",
            self.columns,
            self.changed,
            self.rewrites("OLD", b),
            self.rewrites("NEW", b)
        )];
        // a position's own trigger already covers its insert and delete (its documents go with it)
        if t != "positions" {
            out.push(format!(
                "CREATE TRIGGER search_tags_{t}_insert AFTER INSERT ON {t} BEGIN {}; END",
                self.rewrites("NEW", b)
            ));
            out.push(format!(
                "CREATE TRIGGER search_tags_{t}_delete AFTER DELETE ON {t} BEGIN {}; END",
                self.rewrites("OLD", b)
            ));
        }
        out
    }

    fn postgres(&self) -> Vec<String> {
        let (t, b) = (self.table, DatabaseBackend::Postgres);
        let events = if t == "positions" {
            format!("UPDATE OF {}", self.columns)
        } else {
            format!("INSERT OR DELETE OR UPDATE OF {}", self.columns)
        };
        vec![
            format!(
                "CREATE FUNCTION search_tags_{t}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
                 IF TG_OP <> 'INSERT' THEN {old}; END IF; \
                 IF TG_OP <> 'DELETE' THEN {new}; END IF; \
                 RETURN NULL; END $$",
                old = self.rewrites("OLD", b),
                new = self.rewrites("NEW", b),
            ),
            format!(
                "CREATE TRIGGER search_tags_{t} AFTER {events} ON {t} FOR EACH ROW \
                 WHEN ({when}) EXECUTE FUNCTION search_tags_{t}()",
                when = if t == "positions" { self.changed.to_string() } else { "true".to_string() },
            ),
        ]
    }
}

/// The `tsvector` of a document: each language's stems, and the words as written (`simple`),
/// the title weighted A and the body B.
fn postgres_vector() -> String {
    ["english", "french", "spanish", "simple"]
        .iter()
        .map(|c| {
            format!(
                "setweight(to_tsvector('{c}'::regconfig, title), 'A') || setweight(to_tsvector('{c}'::regconfig, body), 'B')"
            )
        })
        .collect::<Vec<_>>()
        .join(" || ")
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        let mut statements = Vec::new();
        if backend == DatabaseBackend::Sqlite {
            statements.push(
                "CREATE VIRTUAL TABLE search_index USING fts5(title, body, tags, kind UNINDEXED, ref_id UNINDEXED, \
                 position_id UNINDEXED, draft_id UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2')"
                    .to_string(),
            );
            statements.extend(SOURCES.iter().flat_map(Source::sqlite));
            statements.extend(DEPENDENTS.iter().flat_map(Dependent::sqlite));
        } else {
            statements.push(format!(
                "CREATE TABLE search_index (id bigint PRIMARY KEY, kind text NOT NULL, ref_id integer NOT NULL, \
                 position_id integer, draft_id integer, title text NOT NULL, body text NOT NULL, tags text NOT NULL, \
                 tsv tsvector GENERATED ALWAYS AS ({}) STORED, \
                 tag_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, tags)) STORED)",
                postgres_vector()
            ));
            statements.push("CREATE INDEX idx_search_index_tsv ON search_index USING GIN (tsv, tag_tsv)".to_string());
            statements.extend(SOURCES.iter().flat_map(Source::postgres));
            statements.extend(DEPENDENTS.iter().flat_map(Dependent::postgres));
        }
        statements.extend(SOURCES.iter().flat_map(|s| s.backfill(backend)));
        for s in statements {
            db.execute_unprepared(&s).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        let triggers =
            SOURCES.iter().map(|s| ("search", s.table)).chain(DEPENDENTS.iter().map(|d| ("search_tags", d.table)));
        for (prefix, t) in triggers {
            if backend == DatabaseBackend::Sqlite {
                for op in ["insert", "update", "delete"] {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {prefix}_{t}_{op}")).await?;
                }
            } else {
                db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {prefix}_{t} ON {t}")).await?;
                db.execute_unprepared(&format!("DROP FUNCTION IF EXISTS {prefix}_{t}()")).await?;
            }
        }
        db.execute_unprepared("DROP TABLE IF EXISTS search_index").await?;
        Ok(())
    }
}
