//! The scorecard's rule: which demands a draft's scorecard counts. A demand is judged only
//! against drafts it could address: its position addresses the compact's negotiation and was
//! made no later than the draft's release (the last day its date can be, at its precision),
//! or responds to that very draft. Positions addressing the follow-up and review, or another
//! addressee, are never scored against drafts.
//!
//! The same rule is applied in SQL by the scorecard's views (`services::query::sql`) and
//! checked here before a rating is saved; `tests` on both databases hold the two together.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::dates::DateSpan;
use super::enums::Addresses;

/// What a position addresses and when, as the rule reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Addressing {
    pub addresses: Addresses,
    /// Who it is addressed to, for `Other` ("Government of Turkey").
    pub addressee: String,
    /// Its date, as precisely as known; `None` when no source dates it.
    pub published: Option<DateSpan>,
    /// The slug of the draft it responds to, if any.
    pub responds_to: Option<String>,
}

/// Why a demand is not scored against a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum NotScored {
    /// The position addresses the compact's follow-up and review, not its drafts.
    FollowUp,
    /// The position addresses someone else (a government, a regional body).
    OtherAddressee { addressee: String },
    /// The position has no known date, and does not respond to this draft.
    Undated,
    /// The position may have been made after the draft was released.
    MadeAfter { made: DateSpan, released: NaiveDate },
}

impl Addressing {
    /// Whether a draft released on `released` (slug `draft`) counts this position's demands.
    pub fn scored_against(&self, draft: &str, released: NaiveDate) -> Result<(), NotScored> {
        match self.addresses {
            Addresses::FollowUp => return Err(NotScored::FollowUp),
            Addresses::Other => return Err(NotScored::OtherAddressee { addressee: self.addressee.clone() }),
            Addresses::Negotiation => {}
        }
        if self.responds_to.as_deref() == Some(draft) {
            return Ok(());
        }
        match self.published {
            None => Err(NotScored::Undated),
            Some(made) if made.end > released => Err(NotScored::MadeAfter { made, released }),
            Some(_) => Ok(()),
        }
    }

    /// Whether any draft can ever count it (the follow-up and other addressees never).
    pub fn scored_at_all(&self) -> bool {
        self.addresses == Addresses::Negotiation
    }
}

/// What an assessment's evidence rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EvidenceBasis {
    /// The section cited, in the draft's text the tracker holds.
    DraftText,
    /// A public source documenting the draft's wording (the tracker does not hold the text).
    PublicSource,
}

impl EvidenceBasis {
    /// Its name in the API and the downloads.
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceBasis::DraftText => "draft_text",
            EvidenceBasis::PublicSource => "public_source",
        }
    }

    pub fn of(source_url: &str) -> Self {
        if source_url.trim().is_empty() {
            EvidenceBasis::DraftText
        } else {
            EvidenceBasis::PublicSource
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn negotiation(published: Option<DateSpan>, responds_to: Option<&str>) -> Addressing {
        Addressing {
            addresses: Addresses::Negotiation,
            addressee: String::new(),
            published,
            responds_to: responds_to.map(str::to_string),
        }
    }

    #[test]
    fn a_demand_counts_from_the_first_draft_released_after_it_was_made() {
        let zero = day(2018, 2, 5);
        let april_2017 = negotiation(Some(DateSpan::day(day(2017, 4, 12))), None);
        assert_eq!(april_2017.scored_against("zero-draft", zero), Ok(()));
        // "Feb 2018" may be the 28th: not before the zero draft of the 5th, unless it responds to it
        let feb = DateSpan::month(2018, 2).expect("month");
        assert_eq!(
            negotiation(Some(feb), None).scored_against("zero-draft", zero),
            Err(NotScored::MadeAfter { made: feb, released: zero })
        );
        assert_eq!(negotiation(Some(feb), Some("zero-draft")).scored_against("zero-draft", zero), Ok(()));
        assert_eq!(
            negotiation(Some(feb), Some("zero-draft")).scored_against("zero-draft-plus", day(2018, 3, 5)),
            Ok(())
        );
        // the day of release itself counts
        assert_eq!(negotiation(Some(DateSpan::day(zero)), None).scored_against("zero-draft", zero), Ok(()));
        assert_eq!(negotiation(None, None).scored_against("zero-draft", zero), Err(NotScored::Undated));
        assert_eq!(negotiation(None, Some("revision-2")).scored_against("revision-2", day(2018, 5, 28)), Ok(()));
    }

    #[test]
    fn the_follow_up_and_other_addressees_are_never_scored() {
        let mut a = negotiation(Some(DateSpan::day(day(2017, 1, 1))), Some("zero-draft"));
        a.addresses = Addresses::FollowUp;
        assert_eq!(a.scored_against("zero-draft", day(2018, 2, 5)), Err(NotScored::FollowUp));
        assert!(!a.scored_at_all());
        a.addresses = Addresses::Other;
        a.addressee = "Government of Turkey".into();
        assert_eq!(
            a.scored_against("agreed-text", day(2018, 7, 13)),
            Err(NotScored::OtherAddressee { addressee: "Government of Turkey".into() })
        );
    }

    #[test]
    fn evidence_rests_on_a_public_source_when_one_is_cited() {
        assert_eq!(EvidenceBasis::of(""), EvidenceBasis::DraftText);
        assert_eq!(EvidenceBasis::of("https://sdg.iisd.org/x"), EvidenceBasis::PublicSource);
    }
}
