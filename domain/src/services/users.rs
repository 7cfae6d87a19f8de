//! Accounts: people with a role (coordinator, or member of an organisation), their passwords
//! hashed with Argon2id.
use argon2::Argon2;
use password_hash::rand_core::OsRng;
use password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::audit::{Actor, Audit};
use crate::entities::{organisation, user};
use crate::error::{parse_stored, DomainError, DomainResult};
use crate::permissions::{accounts::can_manage_accounts, ensure};
use crate::types::{Invalid, InvalidReason, Role};

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 12;
const MAX_PASSWORD_CHARS: usize = 1024;

#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub role: Role,
    /// Required for members: the slug of their organisation.
    pub organisation: Option<String>,
    pub password: String,
}

/// An account as the domain hands it out: never the password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: i32,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub organisation_id: Option<i32>,
    pub disabled: bool,
}

impl Account {
    /// The actor this account acts as.
    pub fn actor(&self) -> Actor {
        match self.role {
            Role::Coordinator => Actor::Coordinator { user_id: self.id },
            Role::Member => Actor::Member { user_id: self.id, organisation_id: self.organisation_id },
        }
    }
}

fn account(m: user::Model) -> DomainResult<Account> {
    Ok(Account {
        role: parse_stored("users.role", &m.role)?,
        id: m.id,
        email: m.email,
        name: m.name,
        organisation_id: m.organisation_id,
        disabled: m.disabled,
    })
}

/// Lower-cased and trimmed; checked for one `@` with something on both sides.
pub fn normalise_email(raw: &str) -> Result<String, Invalid> {
    let email = raw.trim().to_lowercase();
    let valid = email.len() <= 254
        && email.split('@').count() == 2
        && email.split('@').all(|part| !part.is_empty())
        && !email.chars().any(char::is_whitespace);
    if valid {
        Ok(email)
    } else {
        Err(Invalid::new("email", InvalidReason::UnknownValue(raw.chars().take(80).collect())))
    }
}

pub fn check_password(password: &str) -> Result<(), Invalid> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(Invalid::new("password", InvalidReason::TooShort { min: MIN_PASSWORD_CHARS }));
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(Invalid::new("password", InvalidReason::TooLong { max: MAX_PASSWORD_CHARS }));
    }
    Ok(())
}

fn hash(password: &str) -> DomainResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| DomainError::Corrupt(format!("password hashing failed: {e}")))
}

/// Creates an account. Coordinators and the command line only.
pub async fn create(db: &DatabaseConnection, audit: &Audit, input: NewUser) -> DomainResult<Account> {
    ensure(can_manage_accounts(&audit.actor))?;
    let email = normalise_email(&input.email)?;
    let name = input.name.trim().to_string();
    if name.is_empty() {
        return Err(Invalid::new("name", InvalidReason::Required).into());
    }
    if name.chars().count() > 200 {
        return Err(Invalid::new("name", InvalidReason::TooLong { max: 200 }).into());
    }
    check_password(&input.password)?;
    let organisation_id = match (input.role, input.organisation.as_deref()) {
        (Role::Member, None) => return Err(Invalid::new("organisation", InvalidReason::Required).into()),
        (_, None) => None,
        (_, Some(slug)) => Some(
            organisation::Entity::find()
                .filter(organisation::Column::Slug.eq(slug))
                .one(db)
                .await?
                .ok_or_else(|| Invalid::new("organisation", InvalidReason::UnknownValue(slug.to_string())))?
                .id,
        ),
    };
    if user::Entity::find().filter(user::Column::Email.eq(&email)).one(db).await?.is_some() {
        return Err(Invalid::new("email", InvalidReason::AlreadyTaken).into());
    }
    let m = user::ActiveModel {
        email: Set(email),
        name: Set(name),
        password_hash: Set(hash(&input.password)?),
        role: Set(input.role.to_string()),
        organisation_id: Set(organisation_id),
        disabled: Set(false),
        created_at: Set(audit.at),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await?;
    account(m)
}

/// The account whose email and password these are, if it exists and is enabled. Takes the
/// same time whether or not the email is known, so answers do not reveal which accounts exist.
pub async fn authenticate(db: &DatabaseConnection, email: &str, password: &str) -> DomainResult<Option<Account>> {
    let found = match normalise_email(email) {
        Ok(email) => user::Entity::find().filter(user::Column::Email.eq(email)).one(db).await?,
        Err(_) => None,
    };
    let stored = found.as_ref().map(|u| u.password_hash.clone());
    // Argon2 is deliberately slow (tens of milliseconds); the web layer will call this from a
    // blocking task when sign-in arrives.
    let matches = verify_or_dummy(stored, password);
    match (found, matches) {
        (Some(u), true) if !u.disabled => Ok(Some(account(u)?)),
        _ => Ok(None),
    }
}

/// Verifies against the stored hash, or against a dummy hash (same cost) when there is none.
fn verify_or_dummy(stored: Option<String>, password: &str) -> bool {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let known = stored.is_some();
    let hash_text = match stored {
        Some(h) => h,
        None => DUMMY.get_or_init(|| hash("not a real password, only for timing").unwrap_or_default()).clone(),
    };
    let ok = PasswordHash::new(&hash_text)
        .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false);
    known && ok
}

pub async fn get(db: &DatabaseConnection, id: i32) -> DomainResult<Account> {
    account(user::Entity::find_by_id(id).one(db).await?.ok_or(DomainError::NotFound("account"))?)
}
