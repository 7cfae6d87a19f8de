//! Accounts: who may create people, change roles and disable accounts.
use crate::audit::Actor;

/// Inviting and creating accounts, changing roles, disabling accounts.
pub fn can_manage_accounts(actor: &Actor) -> bool {
    matches!(actor, Actor::Coordinator { .. } | Actor::System)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_coordinators_and_the_command_line_manage_accounts() {
        assert!(can_manage_accounts(&Actor::System));
        assert!(can_manage_accounts(&Actor::Coordinator { user_id: 1 }));
        assert!(!can_manage_accounts(&Actor::Member { user_id: 2, organisation_id: Some(1) }));
        assert!(!can_manage_accounts(&Actor::Anonymous));
    }
}
