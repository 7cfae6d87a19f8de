//! Every editable record's fields, labelled in the reader's language. Each match is exhaustive,
//! so a field added to a record's list (`domain::types::fields`) does not compile until it has
//! a label here; the editors, their conflict tables, the histories and the feeds all read these.
use domain::types::fields::*;
use domain::types::{EntityType, FormValues};

use crate::i18n::*;

/// A record's field with its label.
pub trait FieldLabel: RecordField {
    fn label(self, l: Locale) -> &'static str;
}

impl FieldLabel for PhaseField {
    fn label(self, l: Locale) -> &'static str {
        match self {
            PhaseField::Slug => td_string!(l, fields.slug),
            PhaseField::Name => td_string!(l, fields.name),
            PhaseField::Ordinal => td_string!(l, fields.ordinal),
            PhaseField::Dates => td_string!(l, fields.dates),
            PhaseField::Note => td_string!(l, fields.note),
        }
    }
}

impl FieldLabel for ConsultationField {
    fn label(self, l: Locale) -> &'static str {
        match self {
            ConsultationField::Slug => td_string!(l, fields.slug),
            ConsultationField::Kind => td_string!(l, fields.kind),
            ConsultationField::Title => td_string!(l, fields.title),
            ConsultationField::Phase => td_string!(l, fields.phase),
            ConsultationField::Dates => td_string!(l, fields.dates),
            ConsultationField::VenueCity => td_string!(l, fields.venue_city),
            ConsultationField::VenueCountry => td_string!(l, fields.venue_country),
            ConsultationField::Region => td_string!(l, fields.region),
            ConsultationField::Organiser => td_string!(l, fields.organiser),
            ConsultationField::CivilSocietyAccess => td_string!(l, fields.civil_society_access),
            ConsultationField::Status => td_string!(l, fields.status),
            ConsultationField::Elements => td_string!(l, fields.elements),
            ConsultationField::Notes => td_string!(l, fields.notes),
            ConsultationField::Links => td_string!(l, fields.links),
        }
    }
}

impl FieldLabel for OrganisationField {
    fn label(self, l: Locale) -> &'static str {
        match self {
            OrganisationField::Slug => td_string!(l, fields.slug),
            OrganisationField::Name => td_string!(l, fields.name),
            OrganisationField::Acronym => td_string!(l, record.acronym),
            OrganisationField::Kind => td_string!(l, fields.kind),
            OrganisationField::Country => td_string!(l, fields.venue_country),
            OrganisationField::Region => td_string!(l, fields.region),
            OrganisationField::Website => td_string!(l, record.website),
            OrganisationField::Description => td_string!(l, record.description),
            OrganisationField::Coalitions => td_string!(l, record.coalitions),
        }
    }
}

impl FieldLabel for PositionField {
    fn label(self, l: Locale) -> &'static str {
        match self {
            PositionField::Slug => td_string!(l, fields.slug),
            PositionField::Title => td_string!(l, fields.title),
            PositionField::Published => td_string!(l, record.published_on),
            PositionField::Addresses => td_string!(l, addresses.label),
            PositionField::Addressee => td_string!(l, record.addressee),
            PositionField::RespondsTo => td_string!(l, addresses.responds_to),
            PositionField::Summary => td_string!(l, record.summary),
            PositionField::Source => td_string!(l, record.source),
            PositionField::SourceLocator => td_string!(l, record.source_locator),
            PositionField::PresentedAt => td_string!(l, record.presented_at),
            PositionField::Status => td_string!(l, fields.status),
            PositionField::Signatories => td_string!(l, fields.signatories),
        }
    }
}

impl FieldLabel for DemandField {
    fn label(self, l: Locale) -> &'static str {
        match self {
            DemandField::Slug => td_string!(l, fields.slug),
            DemandField::Text => td_string!(l, record.demand_text),
            DemandField::Quote => td_string!(l, record.quote),
            DemandField::Elements => td_string!(l, fields.elements),
        }
    }
}

impl FieldLabel for CompactDraftField {
    fn label(self, l: Locale) -> &'static str {
        match self {
            CompactDraftField::Slug => td_string!(l, fields.slug),
            CompactDraftField::Label => td_string!(l, drafts.label),
            CompactDraftField::ReleasedOn => td_string!(l, drafts.released),
            CompactDraftField::ObjectiveCount => td_string!(l, drafts.objectives),
            CompactDraftField::SourceUrl => td_string!(l, drafts.source_url),
            CompactDraftField::Note => td_string!(l, fields.note),
            CompactDraftField::Text => td_string!(l, drafts.text),
        }
    }
}

impl FieldLabel for CommentField {
    fn label(self, l: Locale) -> &'static str {
        match self {
            CommentField::Body => td_string!(l, fields.comment),
        }
    }
}

impl FieldLabel for AccountField {
    fn label(self, l: Locale) -> &'static str {
        match self {
            AccountField::Role => td_string!(l, fields.role),
            AccountField::Organisation => td_string!(l, fields.organisation),
            AccountField::Disabled => td_string!(l, fields.disabled),
        }
    }
}

impl FieldLabel for AssessmentField {
    fn label(self, l: Locale) -> &'static str {
        match self {
            AssessmentField::Rating => td_string!(l, fields.rating),
            AssessmentField::Section => td_string!(l, drafts.assess_section),
            AssessmentField::Quote => td_string!(l, drafts.assess_quote),
            AssessmentField::Note => td_string!(l, drafts.assess_note),
            AssessmentField::SourceUrl => td_string!(l, drafts.assess_source_url),
            AssessmentField::ByTracker => td_string!(l, scorecard.by_tracker),
        }
    }
}

/// The label of the field `name` of a record of kind `kind`, as a revision names it (a name no
/// record has any more reads "Other").
pub fn label_of(l: Locale, kind: EntityType, name: &str) -> &'static str {
    match AnyField::of(kind, name) {
        Some(AnyField::Phase(f)) => f.label(l),
        Some(AnyField::Consultation(f)) => f.label(l),
        Some(AnyField::Organisation(f)) => f.label(l),
        Some(AnyField::Position(f)) => f.label(l),
        Some(AnyField::Demand(f)) => f.label(l),
        Some(AnyField::CompactDraft(f)) => f.label(l),
        Some(AnyField::Comment(f)) => f.label(l),
        Some(AnyField::Account(f)) => f.label(l),
        Some(AnyField::Assessment(f)) => f.label(l),
        None => td_string!(l, fields.other),
    }
}

/// A conflict's rows, labelled: each field of `F` whose saved and typed values differ.
pub fn conflict_rows<F: FieldLabel>(
    l: Locale,
    saved: &FormValues,
    typed: &FormValues,
) -> Vec<(String, String, String)> {
    differing::<F>(saved, typed).into_iter().map(|(f, theirs, yours)| (f.label(l).to_string(), theirs, yours)).collect()
}
