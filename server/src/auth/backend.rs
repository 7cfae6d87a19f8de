//! axum-login's view of the tracker's accounts: a session holds the account id and a stamp
//! of its password, and resolves to the account on every request (so a disabled account or a
//! changed password ends its sessions at once).
use axum_login::{AuthUser, AuthnBackend};
use domain::services::users::{self, Account};
use sea_orm::DatabaseConnection;

/// An account signed in through a session.
#[derive(Debug, Clone)]
pub struct SignedIn(pub Account);

impl AuthUser for SignedIn {
    type Id = i32;

    fn id(&self) -> i32 {
        self.0.id
    }

    fn session_auth_hash(&self) -> &[u8] {
        self.0.session_stamp.as_bytes()
    }
}

/// Email and password as typed, and where the attempt came from (for the rate limit).
#[derive(Debug, Clone)]
pub struct Credentials {
    pub email: String,
    pub password: String,
    pub address: String,
}

#[derive(Clone, Debug)]
pub struct Backend {
    db: DatabaseConnection,
}

impl Backend {
    pub fn new(db: DatabaseConnection) -> Self {
        Backend { db }
    }
}

impl AuthnBackend for Backend {
    type User = SignedIn;
    type Credentials = Credentials;
    type Error = domain::DomainError;

    async fn authenticate(&self, creds: Credentials) -> Result<Option<SignedIn>, Self::Error> {
        let outcome = domain::services::sign_in::sign_in(
            &self.db,
            &creds.email,
            &creds.password,
            &creds.address,
            chrono::Utc::now(),
        )
        .await?;
        Ok(outcome.ok().map(SignedIn))
    }

    async fn get_user(&self, id: &i32) -> Result<Option<SignedIn>, Self::Error> {
        Ok(users::active(&self.db, *id).await?.map(SignedIn))
    }
}

pub type AuthSession = axum_login::AuthSession<Backend>;
