use std::time::Duration;

use clap::Parser;
use migrations::{Migrator, MigratorTrait};
use server::cli::{Cli, Command, UserCommand};
use server::config::ServerConfig;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    // LOG_FORMAT=json: one JSON object per line, for log collectors
    if std::env::var("LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json")) {
        tracing_subscriber::fmt().json().flatten_event(true).with_env_filter(filter).init();
    } else {
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }
    log_panics();
    let cli = Cli::parse();
    let code = match run(cli).await {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("error: {message}");
            1
        }
    };
    // Leave at once: the work is done and the log written. Dropping the runtime would still
    // poll Leptos' detached render tasks whose reactive owners are gone, which panic.
    let _ = std::io::Write::flush(&mut std::io::stdout());
    std::process::exit(code)
}

/// A panic (in a request's task, say) goes to the log as one error event, a JSON line with
/// `LOG_FORMAT=json`, with its location and, when `RUST_BACKTRACE` asks for it, the backtrace.
fn log_panics() {
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        let message = info.payload_as_str().unwrap_or("(no message)");
        let backtrace = std::backtrace::Backtrace::capture();
        tracing::error!(%location, panic = message, backtrace = %backtrace, "a task panicked");
    }));
}

async fn run(cli: Cli) -> Result<(), String> {
    let url = cli.database_url;
    match cli.command.unwrap_or(Command::Serve { no_seed: false, demo: false }) {
        Command::Serve { no_seed, demo } => serve(&url, no_seed, demo).await,
        Command::Migrate { down: false } => {
            domain::db::open(&url).await.map_err(|e| e.to_string())?;
            println!("database is up to date");
            Ok(())
        }
        Command::Migrate { down: true } => {
            let db = domain::db::connect(&url).await.map_err(|e| e.to_string())?;
            Migrator::down(&db, None).await.map_err(|e| format!("rolling back failed: {e}"))?;
            println!("every migration rolled back");
            Ok(())
        }
        Command::User { command: UserCommand::Add { email, name, role, organisation } } => {
            let mut password = String::new();
            std::io::stdin()
                .read_line(&mut password)
                .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
            let password = password.trim_end_matches(['\r', '\n']).to_string();
            let db = domain::db::open(&url).await.map_err(|e| e.to_string())?;
            let input = domain::services::users::NewUser { email, name, role: role.into(), organisation, password };
            let audit = domain::audit::Audit::now(domain::audit::Actor::System);
            let account = domain::services::users::create(&db, &audit, input).await.map_err(|e| match e {
                domain::DomainError::Invalid(invalid) => format!("{}: {:?}", invalid.field, invalid.reason),
                other => other.to_string(),
            })?;
            println!("created account {} ({}) with role {}", account.id, account.email, account.role);
            Ok(())
        }
        Command::Seed { reset, demo } => {
            let db = domain::db::open(&url).await.map_err(|e| e.to_string())?;
            if reset {
                domain::seed::reset(&db).await.map_err(|e| format!("reset failed: {e}"))?;
            }
            let report = domain::seed::run(&db).await.map_err(|e| format!("seed failed: {e}"))?;
            println!("built-in dataset: {} items created, {} already there", report.created, report.existing);
            if demo {
                let n = domain::seed::demo::load(&db).await.map_err(|e| format!("demo accounts failed: {e}"))?;
                println!("demo accounts: {n} created");
            }
            Ok(())
        }
        Command::Generate { organisations, seed } => {
            let db = domain::db::open(&url).await.map_err(|e| e.to_string())?;
            domain::seed::run(&db).await.map_err(|e| format!("seed failed: {e}"))?;
            let scale = domain::synthetic::Scale { organisations, seed };
            let r = domain::synthetic::generate(&db, scale).await.map_err(|e| match e {
                domain::DomainError::Invalid(_) => {
                    "this database already holds a synthetic record; generate into an empty one".to_string()
                }
                other => format!("generating failed: {other}"),
            })?;
            println!(
                "synthetic record: {} organisations, {} positions, {} demands ({} element mappings), {} assessments, \
                 {} comments, {} consultations in {:.1} s",
                r.organisations,
                r.positions,
                r.demands,
                r.mappings,
                r.assessments,
                r.comments,
                r.consultations,
                r.seconds
            );
            Ok(())
        }
        Command::Check => {
            let db = domain::db::connect(&url).await.map_err(|e| e.to_string())?;
            let mut problems = domain::db::integrity(&db).await.map_err(|e| format!("the check could not run: {e}"))?;
            // the scorecard's counts against the same counts made again from the rows
            problems.extend(
                domain::services::tallies::check(&db).await.map_err(|e| format!("the check could not run: {e}"))?,
            );
            if !problems.is_empty() {
                return Err(format!("the database is not consistent:\n{}", problems.join("\n")));
            }
            println!("the database is consistent");
            Ok(())
        }
        Command::Export { file } => {
            let db = domain::db::connect(&url).await.map_err(|e| e.to_string())?;
            let summary = if file.as_os_str() == "-" {
                domain::backup::export(&db, std::io::stdout().lock()).await
            } else {
                let out = std::fs::File::create(&file).map_err(|e| format!("cannot create {}: {e}", file.display()))?;
                domain::backup::export(&db, std::io::BufWriter::new(out)).await
            }
            .map_err(|e| format!("export failed: {e}"))?;
            eprintln!(
                "exported {} rows of {} tables (sha256 {})",
                summary.rows(),
                summary.tables.len(),
                summary.sha256
            );
            Ok(())
        }
        Command::Import { file, check } => {
            let summary = if check {
                domain::backup::verify(&file)
            } else {
                let db = domain::db::open(&url).await.map_err(|e| e.to_string())?;
                domain::backup::import(&db, &file).await
            }
            .map_err(|e| format!("import of {} failed: {e}", file.display()))?;
            let verb = if check { "checked" } else { "imported" };
            println!("{verb} {} rows of {} tables (sha256 {})", summary.rows(), summary.tables.len(), summary.sha256);
            Ok(())
        }
    }
}

async fn serve(url: &str, no_seed: bool, demo: bool) -> Result<(), String> {
    let config = ServerConfig::from_env().map_err(|e| e.to_string())?;
    let db = domain::db::open(url).await.map_err(|e| e.to_string())?;
    if !no_seed && domain::seed::is_empty(&db).await.map_err(|e| e.to_string())? {
        let report = domain::seed::run(&db).await.map_err(|e| format!("loading the built-in dataset failed: {e}"))?;
        tracing::info!(created = report.created, "loaded the built-in dataset into the empty database");
    }
    if demo {
        let n = domain::seed::demo::load(&db).await.map_err(|e| format!("creating the demo accounts failed: {e}"))?;
        tracing::warn!(created = n, "demo accounts are enabled: never use --demo in production");
    }
    server::auth::spawn_cleanup(db.clone());
    let built = server::router::build_all(config.leptos_options(), db, config.settings.clone());
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    if let Some(addr) = config.metrics_addr {
        let metrics = tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        tracing::info!("metrics on http://{addr}/metrics");
        // bounded as the public listener is; it ends with the process
        let limits = config.limits;
        tokio::spawn(server::listener::serve(metrics, built.metrics, limits, std::future::pending(), Duration::ZERO));
    }
    tracing::info!("listening on http://{}", config.addr);
    // The signal stops the listener at once; the requests in flight get `shutdown_grace` to end.
    let grace = config.shutdown_grace;
    match server::listener::serve(listener, built.app, config.limits, server::shutdown::signal(), grace).await {
        server::listener::Stopped::Drained => tracing::info!("requests in flight finished"),
        server::listener::Stopped::Cut => {
            tracing::warn!(seconds = grace.as_secs(), "requests still in flight after the grace period: cut")
        }
    }
    built.background.finish(grace).await;
    tracing::info!("stopped");
    Ok(())
}
