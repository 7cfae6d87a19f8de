use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

/// The full-text index the search reads: one document per organisation, position, demand,
/// consultation, section of a draft, documented change and comment (deleted comments left
/// out), kept by triggers on those tables, so it changes in the same transaction as the row
/// whatever wrote it (an editor, the seed, an import). A document's id is its row's id times
/// 8 plus its kind's code, so a trigger finds it by key.
///
/// SQLite: an FTS5 table (Porter's English stemmer over unicode61, accents folded).
/// PostgreSQL: a table with a stored `tsvector` made with the English, French, Spanish and
/// `simple` configurations (title weighted above body) and a GIN index on it.
///
/// Who may read a document is not stored here: the search joins the live rows (a position's
/// status and signatories, a comment's status), so it can never disagree with the pages.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// One kind of document: the table it comes from and its text, as SQL over a row `{r}`.
struct Source {
    table: &'static str,
    code: i64,
    kind: &'static str,
    title: &'static str,
    body: &'static str,
    position: &'static str,
    draft: &'static str,
    /// Rows indexed (comments: not deleted ones).
    when: &'static str,
    /// The columns whose change rewrites the document.
    columns: &'static str,
}

const SOURCES: &[Source] = &[
    Source {
        table: "organisations",
        code: 1,
        kind: "organisation",
        title: "{r}.name || ' ' || {r}.acronym",
        body: "{r}.description || ' ' || {r}.country",
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
        position: "{r}.id",
        draft: "NULL",
        when: "1 = 1",
        columns: "title, summary, addressee",
    },
    Source {
        table: "demands",
        code: 3,
        kind: "demand",
        title: "''",
        body: "{r}.text || ' ' || {r}.quote",
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
        position: "{r}.position_id",
        draft: "NULL",
        when: "{r}.status <> 'deleted'",
        columns: "body, status, position_id",
    },
];

impl Source {
    fn sql(&self, template: &str, r: &str) -> String {
        template.replace("{r}", r)
    }

    /// `SELECT` of this kind's documents from rows named `r` (a table, or NEW in a trigger).
    fn select(&self, r: &str) -> String {
        format!(
            "SELECT CAST({r}.id AS BIGINT) * 8 + {code}, '{kind}', {r}.id, {position}, {draft}, {title}, {body}",
            code = self.code,
            kind = self.kind,
            position = self.sql(self.position, r),
            draft = self.sql(self.draft, r),
            title = self.sql(self.title, r),
            body = self.sql(self.body, r),
        )
    }

    fn insert(&self, r: &str, from: &str) -> String {
        format!(
            "INSERT INTO search_index (id_key, kind, ref_id, position_id, draft_id, title, body) {} {from} WHERE {}",
            self.select(r),
            self.sql(self.when, r)
        )
    }

    fn sqlite(&self) -> Vec<String> {
        let t = self.table;
        let delete = format!("DELETE FROM search_index WHERE rowid = OLD.id * 8 + {};", self.code);
        let insert = format!("{};", self.insert("NEW", "").replace("id_key", "rowid"));
        vec![
            format!("CREATE TRIGGER search_{t}_insert AFTER INSERT ON {t} BEGIN {insert} END"),
            format!(
                "CREATE TRIGGER search_{t}_update AFTER UPDATE OF {} ON {t} BEGIN {delete} {insert} END",
                self.columns
            ),
            format!("CREATE TRIGGER search_{t}_delete AFTER DELETE ON {t} BEGIN {delete} END"),
        ]
    }

    fn postgres(&self) -> Vec<String> {
        let t = self.table;
        vec![
            format!(
                "CREATE FUNCTION search_{t}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
                 IF TG_OP <> 'INSERT' THEN DELETE FROM search_index WHERE id = CAST(OLD.id AS BIGINT) * 8 + {code}; END IF; \
                 IF TG_OP <> 'DELETE' THEN {insert}; END IF; \
                 RETURN NULL; END $$",
                code = self.code,
                insert = self.insert("NEW", "").replace("id_key", "id"),
            ),
            format!(
                "CREATE TRIGGER search_{t} AFTER INSERT OR DELETE OR UPDATE OF {} ON {t} \
                 FOR EACH ROW EXECUTE FUNCTION search_{t}()",
                self.columns
            ),
        ]
    }

    fn backfill(&self, backend: DatabaseBackend) -> String {
        let key = if backend == DatabaseBackend::Sqlite { "rowid" } else { "id" };
        let t = self.table;
        self.insert(t, &format!("FROM {t}")).replace("id_key", key)
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
                "CREATE VIRTUAL TABLE search_index USING fts5(title, body, kind UNINDEXED, ref_id UNINDEXED, \
                 position_id UNINDEXED, draft_id UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2')"
                    .to_string(),
            );
            statements.extend(SOURCES.iter().flat_map(Source::sqlite));
        } else {
            statements.push(format!(
                "CREATE TABLE search_index (id bigint PRIMARY KEY, kind text NOT NULL, ref_id integer NOT NULL, \
                 position_id integer, draft_id integer, title text NOT NULL, body text NOT NULL, \
                 tsv tsvector GENERATED ALWAYS AS ({}) STORED)",
                postgres_vector()
            ));
            statements.push("CREATE INDEX idx_search_index_tsv ON search_index USING GIN (tsv)".to_string());
            statements.push("CREATE INDEX idx_search_index_position ON search_index (position_id)".to_string());
            statements.extend(SOURCES.iter().flat_map(Source::postgres));
        }
        statements.extend(SOURCES.iter().map(|s| s.backfill(backend)));
        for s in statements {
            db.execute_unprepared(&s).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        for s in SOURCES {
            let t = s.table;
            if backend == DatabaseBackend::Sqlite {
                for op in ["insert", "update", "delete"] {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS search_{t}_{op}")).await?;
                }
            } else {
                db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS search_{t} ON {t}")).await?;
                db.execute_unprepared(&format!("DROP FUNCTION IF EXISTS search_{t}()")).await?;
            }
        }
        db.execute_unprepared("DROP TABLE IF EXISTS search_index").await?;
        Ok(())
    }
}
