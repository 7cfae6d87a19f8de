//! Demo accounts, created only when asked for (`server serve --demo`, `server seed --demo`):
//! never part of the built-in dataset, so a production database has no known passwords.
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::audit::{Actor, Audit};
use crate::entities::user;
use crate::error::DomainResult;
use crate::services::users::{self, NewUser};
use crate::types::Role;

/// The demo accounts' shared password (documented in the README).
pub const DEMO_PASSWORD: &str = "demo password 2018";

/// (email, name, role, organisation slug)
pub const DEMO_ACCOUNTS: &[(&str, &str, Role, Option<&str>)] = &[
    ("coordinator@demo.invalid", "Demo Coordinator", Role::Coordinator, None),
    ("member@demo.invalid", "Demo Member (PICUM)", Role::Member, Some("picum")),
    (
        "other-member@demo.invalid",
        "Demo Member (Transnational Migrant Platform)",
        Role::Member,
        Some("transnational-migrant-platform"),
    ),
];

/// Creates the demo accounts that do not exist yet; returns how many it created.
pub async fn load(db: &DatabaseConnection) -> DomainResult<usize> {
    let mut created = 0;
    for (email, name, role, organisation) in DEMO_ACCOUNTS {
        if user::Entity::find().filter(user::Column::Email.eq(*email)).one(db).await?.is_some() {
            continue;
        }
        let input = NewUser {
            email: email.to_string(),
            name: name.to_string(),
            role: *role,
            organisation: organisation.map(str::to_string),
            password: DEMO_PASSWORD.to_string(),
        };
        users::create(db, &Audit::now(Actor::System), input).await?;
        created += 1;
    }
    Ok(created)
}
