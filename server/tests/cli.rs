//! The command line, run as a user would run it.
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn server(db_url: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .env("DATABASE_URL", db_url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the server binary");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).expect("write stdin");
    }
    child.wait_with_output().expect("wait")
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn migrate_seed_and_user_add() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/nested/cli.db?mode=rwc", dir.path().display());

    let help = server(&url, &["--help"], "");
    assert!(help.status.success());
    for sub in ["serve", "migrate", "seed", "user"] {
        assert!(text(&help).contains(sub), "--help lists {sub}");
    }

    let migrate = server(&url, &["migrate"], "");
    assert!(migrate.status.success(), "{}", text(&migrate));
    let seed = server(&url, &["seed"], "");
    assert!(seed.status.success(), "{}", text(&seed));
    assert!(text(&seed).contains("already there"));
    let again = server(&url, &["seed"], "");
    assert!(text(&again).contains(" 0 items created"), "a second seed creates nothing: {}", text(&again));

    let add = ["user", "add", "--email", "coord@example.org", "--name", "First Coordinator", "--role", "coordinator"];
    let created = server(&url, &add, "a long enough password\n");
    assert!(created.status.success(), "{}", text(&created));
    assert!(text(&created).contains("created account"));
    let duplicate = server(&url, &add, "a long enough password\n");
    assert!(!duplicate.status.success());
    assert!(text(&duplicate).contains("email"), "{}", text(&duplicate));
    let member = ["user", "add", "--email", "m@example.org", "--name", "M", "--role", "member"];
    let no_org = server(&url, &member, "a long enough password\n");
    assert!(!no_org.status.success());
    assert!(text(&no_org).contains("organisation"));

    let check = server(&url, &["check"], "");
    assert!(check.status.success() && text(&check).contains("consistent"), "{}", text(&check));
    // A damaged copy (cut in the middle of its pages) fails the check.
    let file = dir.path().join("nested/cli.db");
    let damaged = dir.path().join("damaged.db");
    let bytes = std::fs::read(&file).expect("read the database");
    std::fs::write(&damaged, &bytes[..bytes.len() / 2]).expect("write the copy");
    let broken = server(&format!("sqlite://{}", damaged.display()), &["check"], "");
    assert!(!broken.status.success(), "a damaged database fails the check: {}", text(&broken));

    let reset = server(&url, &["seed", "--reset"], "");
    assert!(reset.status.success(), "{}", text(&reset));
}

#[test]
fn a_database_that_cannot_be_opened_is_one_clear_line() {
    let out = server("postgres://tracker:secret@127.0.0.1:1/none", &["migrate"], "");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr.lines().find(|l| l.starts_with("error:")).expect("an error line");
    assert!(line.contains("cannot open the database postgres://tracker:***@127.0.0.1:1/none"), "{line}");
    assert!(!stderr.contains("secret"), "the password is never printed");
}

#[test]
fn export_then_import_into_an_empty_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = format!("sqlite://{}/source.db?mode=rwc", dir.path().display());
    let target = format!("sqlite://{}/target.db?mode=rwc", dir.path().display());
    let first = dir.path().join("first.jsonl");
    let second = dir.path().join("second.jsonl");
    let path = |p: &std::path::Path| p.display().to_string();

    assert!(server(&source, &["seed"], "").status.success());
    let export = server(&source, &["export", &path(&first)], "");
    assert!(export.status.success(), "{}", text(&export));
    assert!(text(&export).contains("exported"), "{}", text(&export));
    let check = server(&target, &["import", "--check", &path(&first)], "");
    assert!(check.status.success() && text(&check).contains("checked"), "{}", text(&check));
    let import = server(&target, &["import", &path(&first)], "");
    assert!(import.status.success(), "{}", text(&import));
    let again = server(&target, &["export", "-"], "");
    assert!(again.status.success(), "{}", text(&again));
    std::fs::write(&second, &again.stdout).expect("write");
    assert!(std::fs::read(&first).expect("read") == again.stdout, "the same export after the round trip");

    let twice = server(&target, &["import", &path(&first)], "");
    assert!(!twice.status.success());
    assert!(text(&twice).contains("not empty"), "{}", text(&twice));

    let mut damaged = std::fs::read_to_string(&first).expect("read");
    damaged.truncate(damaged.len() / 2);
    std::fs::write(&second, damaged).expect("write");
    let empty = format!("sqlite://{}/empty.db?mode=rwc", dir.path().display());
    let refused = server(&empty, &["import", &path(&second)], "");
    assert!(!refused.status.success());
    let message = text(&refused);
    assert!(message.contains("error: import of") && message.contains("nothing was written"), "{message}");
}
