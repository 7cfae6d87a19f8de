//! The command line: the `server` binary serves the site and also migrates and seeds.
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(name = "server", version, about = "The GCM civil-society tracker: web server and command line")]
pub struct Cli {
    /// Database URL: a SQLite file (the default, created if missing) or PostgreSQL
    /// (postgres://user:password@host/database).
    #[arg(long, env = "DATABASE_URL", default_value = domain::db::DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site (the default): migrates the database, loads the built-in dataset into an
    /// empty database, and listens on LEPTOS_SITE_ADDR (default 127.0.0.1:3000).
    Serve {
        /// Do not load the built-in dataset into an empty database.
        #[arg(long)]
        no_seed: bool,
        /// Also create the demo accounts (see the README; never in production).
        #[arg(long)]
        demo: bool,
    },
    /// Apply every pending database migration, then exit.
    Migrate {
        /// Roll back every migration instead (empties the schema).
        #[arg(long)]
        down: bool,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Load the built-in dataset (idempotent: items already there are left alone).
    Seed {
        /// Empty every table first (accounts included), then load the dataset.
        #[arg(long)]
        reset: bool,
        /// Also create the demo accounts (see the README; never in production).
        #[arg(long)]
        demo: bool,
    },
    /// Add a synthetic record at a chosen scale, for benchmarks (after the built-in dataset,
    /// which it loads if missing): about 20 demands per organisation, each assessed against
    /// most drafts, 10 comments per position, 200 consultations. Deterministic from --seed.
    Generate {
        /// How many organisations to add.
        #[arg(long)]
        organisations: u32,
        /// The generator's seed: the same seed gives the same record.
        #[arg(long, default_value_t = 2018)]
        seed: u64,
    },
    /// Check the database: SQLite's integrity and foreign-key checks, PostgreSQL's constraints,
    /// and the scorecard's counts made again from the rows.
    /// Exits with 1 and the problems found, if any.
    Check,
    /// Write the whole record to a portable file (JSON Lines with a checksum; "-" for standard
    /// output): accounts with their password hashes, not sessions. Read with `import`, into
    /// SQLite or PostgreSQL alike.
    Export {
        /// The file to write.
        file: std::path::PathBuf,
    },
    /// Read an export into an empty database (migrated first). The whole file is checked
    /// before anything is written, and it is written in one transaction: a damaged file, or one
    /// the database refuses, writes nothing.
    Import {
        /// The export to read.
        file: std::path::PathBuf,
        /// Only check the file; do not touch the database.
        #[arg(long)]
        check: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account. The password is read from standard input (its first line), so the
    /// first coordinator can be created without a web form and without the password in the
    /// shell history: `printf '%s\n' "$PASSWORD" | server user add ...`.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_enum)]
        role: CliRole,
        /// The member's organisation (its slug, as in /organisations/{slug}); required for members.
        #[arg(long)]
        organisation: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CliRole {
    Coordinator,
    Member,
}

impl From<CliRole> for domain::types::Role {
    fn from(r: CliRole) -> Self {
        match r {
            CliRole::Coordinator => domain::types::Role::Coordinator,
            CliRole::Member => domain::types::Role::Member,
        }
    }
}
