//! Accounts: people with a role (coordinator, or member of an organisation), their passwords
//! hashed with Argon2id.
use argon2::Argon2;
use password_hash::rand_core::OsRng;
use password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::audit::{Actor, Audit};
use crate::entities::{organisation, user};
use crate::error::{parse_stored, DomainError, DomainResult};
use crate::permissions::{accounts::can_manage_accounts, ensure};
use crate::types::{Invalid, InvalidReason, Role};

pub use crate::types::MIN_PASSWORD_CHARS;
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
    /// Changes whenever the password changes, so sessions opened before are no longer valid.
    pub session_stamp: String,
    pub version: i32,
}

impl Account {
    pub fn viewer(&self) -> crate::types::Viewer {
        crate::types::Viewer {
            id: self.id,
            name: self.name.clone(),
            email: self.email.clone(),
            role: self.role,
            organisation_id: self.organisation_id,
        }
    }

    pub fn view(&self) -> crate::types::AccountView {
        crate::types::AccountView {
            id: self.id,
            name: self.name.clone(),
            email: self.email.clone(),
            role: self.role,
            organisation_id: self.organisation_id,
            disabled: self.disabled,
            version: self.version,
        }
    }

    /// The actor this account acts as.
    pub fn actor(&self) -> Actor {
        match self.role {
            Role::Coordinator => Actor::Coordinator { user_id: self.id },
            Role::Member => Actor::Member { user_id: self.id, organisation_id: self.organisation_id },
        }
    }
}

fn account(m: user::Model) -> DomainResult<Account> {
    let stamp_from = m.password_hash.len().saturating_sub(16);
    Ok(Account {
        session_stamp: m.password_hash.get(stamp_from..).unwrap_or_default().to_string(),
        version: m.version,
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
        Err(Invalid::new("email", InvalidReason::NotAnEmail))
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

pub(crate) fn hash(password: &str) -> DomainResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| DomainError::Corrupt(format!("password hashing failed: {e}")))
}

/// Checked name, email and organisation of a new account.
pub(crate) struct Identity {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub organisation_id: Option<i32>,
}

/// Validates who a new account (or invitation) is for: email free, name given, members with
/// an organisation (coordinators have none).
pub(crate) async fn check_identity<C: ConnectionTrait>(
    db: &C,
    email: &str,
    name: &str,
    role: Role,
    organisation: Option<&str>,
) -> DomainResult<Identity> {
    let email = normalise_email(email)?;
    let name = name.trim().to_string();
    if name.is_empty() {
        return Err(Invalid::new("name", InvalidReason::Required).into());
    }
    if name.chars().count() > 200 {
        return Err(Invalid::new("name", InvalidReason::TooLong { max: 200 }).into());
    }
    let organisation = organisation.map(str::trim).filter(|s| !s.is_empty());
    let organisation_id = match (role, organisation) {
        (Role::Member, None) => return Err(Invalid::new("organisation", InvalidReason::Required).into()),
        (Role::Coordinator, _) => None,
        (Role::Member, Some(slug)) => Some(
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
    Ok(Identity { email, name, role, organisation_id })
}

pub(crate) async fn insert<C: ConnectionTrait>(
    db: &C,
    who: Identity,
    password: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> DomainResult<Account> {
    let m = user::ActiveModel {
        email: Set(who.email),
        name: Set(who.name),
        password_hash: Set(hash(password)?),
        role: Set(who.role.to_string()),
        organisation_id: Set(who.organisation_id),
        disabled: Set(false),
        created_at: Set(at),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await?;
    account(m)
}

/// Creates an account. Coordinators and the command line only.
pub async fn create(db: &DatabaseConnection, audit: &Audit, input: NewUser) -> DomainResult<Account> {
    ensure(can_manage_accounts(&audit.actor))?;
    let who = check_identity(db, &input.email, &input.name, input.role, input.organisation.as_deref()).await?;
    check_password(&input.password)?;
    insert(db, who, &input.password, audit.at).await
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
pub(crate) fn verify_or_dummy(stored: Option<String>, password: &str) -> bool {
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

/// The enabled account `id`, if any: what a session resolves to on every request, so a
/// disabled account or a changed role takes effect at once.
pub async fn active(db: &DatabaseConnection, id: i32) -> DomainResult<Option<Account>> {
    match user::Entity::find_by_id(id).one(db).await? {
        Some(u) if !u.disabled => Ok(Some(account(u)?)),
        _ => Ok(None),
    }
}

/// Every account, for the coordinators' accounts page.
pub async fn list(db: &DatabaseConnection, audit: &Audit) -> DomainResult<Vec<Account>> {
    ensure(can_manage_accounts(&audit.actor))?;
    user::Entity::find().order_by_asc(user::Column::Email).all(db).await?.into_iter().map(account).collect()
}

/// Changes the acting person's own password after checking the current one.
pub async fn change_password(
    db: &DatabaseConnection,
    audit: &Audit,
    current: &str,
    new: &str,
    confirmation: &str,
) -> DomainResult<Account> {
    let id = audit.actor.user_id().ok_or(DomainError::Forbidden)?;
    let stored = user::Entity::find_by_id(id).one(db).await?.ok_or(DomainError::NotFound("account"))?;
    if !verify_or_dummy(Some(stored.password_hash.clone()), current) {
        return Err(Invalid::new("current_password", InvalidReason::WrongPassword).into());
    }
    check_password(new).map_err(|e| Invalid::new("new_password", e.reason))?;
    if new != confirmation {
        return Err(Invalid::new("confirmation", InvalidReason::Mismatch).into());
    }
    let mut m: user::ActiveModel = stored.clone().into();
    m.password_hash = Set(hash(new)?);
    m.version = Set(stored.version + 1);
    account(m.update(db).await?)
}

/// A coordinator's change to someone's role, organisation or enabled state.
#[derive(Debug, Clone)]
pub struct AccountChange {
    pub role: Role,
    pub organisation_id: Option<i32>,
    pub disabled: bool,
}

/// Changes a person's role (members need an organisation) or disables/enables the account.
/// Refused if someone else changed the account since `expected_version` was read; a
/// coordinator cannot disable or demote themselves (so the last one cannot lock everyone out).
pub async fn change_account(
    db: &DatabaseConnection,
    audit: &Audit,
    id: i32,
    expected_version: i32,
    change: AccountChange,
) -> DomainResult<Account> {
    ensure(can_manage_accounts(&audit.actor))?;
    let stored = user::Entity::find_by_id(id).one(db).await?.ok_or(DomainError::NotFound("account"))?;
    if stored.version != expected_version {
        return Err(DomainError::Conflict { current_version: stored.version });
    }
    if change.role == Role::Member && change.organisation_id.is_none() {
        return Err(Invalid::new("organisation", InvalidReason::Required).into());
    }
    if let Some(org) = change.organisation_id {
        if organisation::Entity::find_by_id(org).one(db).await?.is_none() {
            return Err(Invalid::new("organisation", InvalidReason::UnknownValue(org.to_string())).into());
        }
    }
    if audit.actor.user_id() == Some(id) && (change.disabled || change.role != Role::Coordinator) {
        return Err(Invalid::new("role", InvalidReason::UnknownValue(change.role.to_string())).into());
    }
    let organisation_id = if change.role == Role::Coordinator { None } else { change.organisation_id };
    let mut m: user::ActiveModel = stored.clone().into();
    m.role = Set(change.role.to_string());
    m.organisation_id = Set(organisation_id);
    m.disabled = Set(change.disabled);
    m.version = Set(stored.version + 1);
    // the names and organisations shown on comments
    let txn = crate::db::begin_write(db).await?;
    let saved = m.update(&txn).await?;
    super::changes::note(&txn, vec![super::changes::Topic::ACCOUNTS.into()]).await?;
    txn.commit().await?;
    account(saved)
}
