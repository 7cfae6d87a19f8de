//! Backup and restore: an export read into an empty database of the other kind (SQLite to
//! PostgreSQL and back when the suite runs on PostgreSQL) gives the same export byte for byte;
//! a damaged file, or one the database refuses, is refused with its reason and writes nothing.
mod common;

use std::path::{Path, PathBuf};

use domain::backup::{self, BackupError};
use domain::entities::{comment, user};
use domain::synthetic::Scale;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};

async fn export_to(db: &DatabaseConnection, path: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    backup::export(db, &mut bytes).await.expect("export");
    std::fs::write(path, &bytes).expect("write the export");
    bytes
}

/// Every exported table's rows, so a refused import can be shown to have written nothing.
async fn total_rows(db: &DatabaseConnection) -> u64 {
    let mut bytes = Vec::new();
    let summary = backup::export(db, &mut bytes).await.expect("export");
    summary.rows()
}

#[tokio::test]
async fn export_import_round_trip_and_damaged_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = |name: &str| -> PathBuf { dir.path().join(name) };

    // A record with every kind of row: the built-in dataset, a synthetic record (positions,
    // demands, assessments, comments, consultations), demo accounts, and a timestamp with
    // nanoseconds (SQLite keeps them; PostgreSQL keeps microseconds).
    let source = common::fresh_sqlite().await;
    domain::seed::run(&source.db).await.expect("the seed loads");
    domain::synthetic::generate(&source.db, Scale { organisations: 4, seed: 7 }).await.expect("synthetic record");
    domain::seed::demo::load(&source.db).await.expect("demo accounts");
    common::user(&source.db, "member").await;
    let first = export_to(&source.db, &file("a.jsonl")).await;
    let tables = backup::verify(&file("a.jsonl")).expect("the export checks out");
    assert!(tables.rows() > 1_000, "the record is not trivial: {} rows", tables.rows());
    for table in ["comments", "assessments", "users", "revisions", "draft_sections", "demand_elements"] {
        let rows = tables.tables.iter().find(|(t, _)| t == table).map(|(_, n)| *n).unwrap_or(0);
        assert!(rows > 0, "{table} has rows in the export");
    }

    // Into the suite's backend (PostgreSQL on the PostgreSQL run), then back into SQLite.
    let middle = common::fresh().await;
    backup::import(&middle.db, &file("a.jsonl")).await.expect("import");
    let second = export_to(&middle.db, &file("b.jsonl")).await;
    assert!(first == second, "the {} export equals the SQLite export it came from", middle.backend);
    let last = common::fresh_sqlite().await;
    backup::import(&last.db, &file("b.jsonl")).await.expect("import back");
    let third = export_to(&last.db, &file("c.jsonl")).await;
    assert!(first == third, "the export after a round trip through {} is the same", middle.backend);

    // The restored database goes on: new rows get fresh ids (PostgreSQL's sequences moved).
    let before = user::Entity::find().count(&middle.db).await.expect("count");
    common::user(&middle.db, "coordinator").await;
    assert_eq!(user::Entity::find().count(&middle.db).await.expect("count"), before + 1);

    // A second import into a database that holds a record is refused.
    match backup::import(&middle.db, &file("a.jsonl")).await {
        Err(BackupError::NotEmpty { .. }) => {}
        other => panic!("an import into a non-empty database must be refused, got {other:?}"),
    }

    // Damaged files: each refused with its reason, the empty database left empty.
    let text = String::from_utf8(first.clone()).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    let comment_line = lines.iter().position(|l| l.starts_with(r#"{"table":"comments""#)).expect("a comment row");
    let join = |ls: &[String]| ls.iter().map(|l| format!("{l}\n")).collect::<String>();
    let owned: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let mut altered = owned.clone();
    altered[comment_line] = altered[comment_line].replacen("\"body\":\"", "\"body\":\"X", 1);
    let mut dropped = owned.clone();
    dropped.remove(comment_line);
    let mut swapped = owned.clone();
    swapped.swap(1, comment_line);
    let mut foreign = owned.clone();
    foreign[0] = foreign[0].replace("gcm-tracker-export", "something-else");
    let cases: Vec<(&str, String, &str)> = vec![
        ("altered", join(&altered), "checksum"),
        ("truncated", text[..text.len() - 40].to_string(), "cut short"),
        ("missing its last line", join(&owned[..owned.len() - 1]), "ends before its last line"),
        ("a row dropped", join(&dropped), "row counts"),
        ("rows out of order", join(&swapped), "after rows of"),
        ("another format", join(&foreign), "expected gcm-tracker-export"),
        ("not JSON", text.replacen("{\"table\"", "<table>", 1), "not JSON"),
        ("empty", String::new(), "empty"),
    ];
    let target = common::fresh().await;
    for (what, content, reason) in cases {
        let path = file(&format!("damaged-{}.jsonl", what.replace(' ', "-")));
        std::fs::write(&path, content).expect("write");
        match backup::import(&target.db, &path).await {
            Err(e @ BackupError::Damaged { .. }) => {
                let message = e.to_string();
                assert!(message.contains(reason), "{what}: {message}");
                assert!(message.contains("nothing was written"), "{what}: {message}");
            }
            other => panic!("{what}: must be refused as damaged, got {other:?}"),
        }
        assert_eq!(total_rows(&target.db).await, 0, "{what}: nothing was written");
    }

    // A file whose checksum is right but whose rows the database refuses (a comment on a
    // position that is not in the file): the transaction writes nothing.
    let mut orphan = owned.clone();
    let position_id = format!("\"position_id\":{}", 1_000_000);
    orphan[comment_line] = regex_free_replace_position(&orphan[comment_line], &position_id);
    let body: String = join(&orphan[..orphan.len() - 1]);
    let refused = rewrite_footer(&body, &orphan[orphan.len() - 1]);
    std::fs::write(file("orphan.jsonl"), refused).expect("write");
    backup::verify(&file("orphan.jsonl")).expect("the file itself checks out");
    match backup::import(&target.db, &file("orphan.jsonl")).await {
        Err(e @ BackupError::Db(_)) => assert!(e.to_string().contains("nothing was written"), "{e}"),
        other => panic!("a row the database refuses must fail the import, got {other:?}"),
    }
    assert_eq!(total_rows(&target.db).await, 0, "a refused transaction writes nothing");
    assert_eq!(comment::Entity::find().count(&target.db).await.expect("count"), 0);
}

/// Replaces the `"position_id":N` of a row with `replacement`.
fn regex_free_replace_position(line: &str, replacement: &str) -> String {
    let start = line.find("\"position_id\":").expect("a position_id");
    let end = line[start..].find(',').map(|i| start + i).expect("a following field");
    format!("{}{replacement}{}", &line[..start], &line[end..])
}

/// The footer with the checksum of `body` (the counts are unchanged).
fn rewrite_footer(body: &str, footer: &str) -> String {
    use sha2::{Digest, Sha256};
    let sha: String = Sha256::digest(body.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    let old = footer.rsplit_once("\"sha256\":\"").map(|(head, _)| head).expect("a checksum");
    format!("{body}{old}\"sha256\":\"{sha}\"}}}}\n")
}
