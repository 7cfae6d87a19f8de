//! Accounts: people with a role (coordinator, or member of an organisation), their passwords
//! hashed with Argon2id.
use argon2::Argon2;
use password_hash::rand_core::OsRng;
use password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::editing::{self, Editable, Stored, StoredOf};
use crate::audit::{Actor, Audit};
use crate::entities::{organisation, user};
use crate::error::{DomainError, DomainResult};
use crate::permissions::{accounts::can_manage_accounts, ensure};
use crate::types::fields::AccountField;
use crate::types::{EntityType, Invalid, InvalidReason, Role};

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
        role: m.role,
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
        role: Set(who.role),
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
    account(
        user::Entity::find_by_id(id).one(db).await?.ok_or(DomainError::NotFound(crate::types::EntityType::Account))?,
    )
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
    let stored =
        user::Entity::find_by_id(id).one(db).await?.ok_or(DomainError::NotFound(crate::types::EntityType::Account))?;
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

/// Sets an account's password (a reset by email): the new hash changes the session stamp,
/// which ends the sessions opened before.
pub(crate) async fn set_password<C: ConnectionTrait>(db: &C, stored: user::Model, new: &str) -> DomainResult<Account> {
    let version = stored.version + 1;
    let mut m: user::ActiveModel = stored.into();
    m.password_hash = Set(hash(new)?);
    m.version = Set(version);
    account(m.update(db).await?)
}

/// A coordinator's change to someone's role, organisation or enabled state.
#[derive(Debug, Clone)]
pub struct AccountChange {
    pub role: Role,
    pub organisation_id: Option<i32>,
    pub disabled: bool,
}

/// An account, as coordinators change it, described for the versioned save. Account changes
/// keep no revisions; the pages that show names and organisations are noted as changed.
pub struct AccountRecord;

impl Editable for AccountRecord {
    const KIND: EntityType = EntityType::Account;
    const REVISED: bool = false;
    type Field = AccountField;
    type Key = i32;
    type Input = AccountChange;
    type Context = ();

    async fn load<C: ConnectionTrait>(db: &C, id: &i32) -> DomainResult<Option<StoredOf<Self>>> {
        match user::Entity::find_by_id(*id).one(db).await? {
            None => Ok(None),
            Some(m) => {
                let a = account(m)?;
                let input = AccountChange { role: a.role, organisation_id: a.organisation_id, disabled: a.disabled };
                Ok(Some(Stored { id: a.id, version: a.version, input, context: () }))
            }
        }
    }

    async fn permit<C: ConnectionTrait>(_db: &C, actor: &Actor, _stored: &StoredOf<Self>) -> DomainResult<()> {
        ensure(can_manage_accounts(actor))
    }

    fn check(change: &AccountChange) -> Result<(), Invalid> {
        if change.role == Role::Member && change.organisation_id.is_none() {
            return Err(Invalid::new("organisation", InvalidReason::Required));
        }
        Ok(())
    }

    /// A coordinator cannot disable or demote themselves (so the last one cannot lock everyone out).
    fn allows(actor: &Actor, stored: &StoredOf<Self>, change: &AccountChange) -> DomainResult<()> {
        if actor.user_id() == Some(stored.id) && (change.disabled || change.role != Role::Coordinator) {
            return Err(Invalid::new("role", InvalidReason::UnknownValue(change.role.to_string())).into());
        }
        Ok(())
    }

    /// A coordinator belongs to no organisation.
    fn complete(_stored: &StoredOf<Self>, mut change: AccountChange) -> DomainResult<AccountChange> {
        if change.role == Role::Coordinator {
            change.organisation_id = None;
        }
        Ok(change)
    }

    async fn values<C: ConnectionTrait>(
        db: &C,
        change: &AccountChange,
        _: &(),
    ) -> DomainResult<Vec<(AccountField, String)>> {
        let AccountChange { role, organisation_id, disabled } = change;
        let organisation = match organisation_id {
            None => String::new(),
            Some(org) => {
                organisation::Entity::find_by_id(*org)
                    .one(db)
                    .await?
                    .ok_or_else(|| Invalid::new("organisation", InvalidReason::UnknownValue(org.to_string())))?
                    .name
            }
        };
        Ok(vec![
            (AccountField::Role, role.to_string()),
            (AccountField::Organisation, organisation),
            (AccountField::Disabled, disabled.to_string()),
        ])
    }

    fn label(_change: &AccountChange, _: &()) -> String {
        String::new()
    }

    async fn write<C: ConnectionTrait>(
        db: &C,
        _audit: &Audit,
        stored: &StoredOf<Self>,
        change: &AccountChange,
    ) -> DomainResult<bool> {
        let saved = user::Entity::update_many()
            .set(user::ActiveModel {
                role: Set(change.role),
                organisation_id: Set(change.organisation_id),
                disabled: Set(change.disabled),
                version: Set(stored.version + 1),
                ..Default::default()
            })
            .filter(user::Column::Id.eq(stored.id))
            .filter(user::Column::Version.eq(stored.version))
            .exec(db)
            .await?;
        if saved.rows_affected != 1 {
            return Ok(false);
        }
        // the names and organisations shown on comments
        super::changes::note(db, vec![super::changes::Topic::ACCOUNTS.into()]).await?;
        Ok(true)
    }
}

/// Changes a person's role (members need an organisation) or disables/enables the account.
/// Refused if someone else changed the account since `expected_version` was read.
pub async fn change_account(
    db: &DatabaseConnection,
    audit: &Audit,
    id: i32,
    expected_version: i32,
    change: AccountChange,
) -> DomainResult<Account> {
    editing::save::<AccountRecord>(db, audit, &id, expected_version, change).await?.or_conflict()?;
    account(user::Entity::find_by_id(id).one(db).await?.ok_or(DomainError::NotFound(EntityType::Account))?)
}
