//! Words for the record's vocabularies and dates, in the reader's language. Every label the
//! pages show for an enum value or a date comes from here, through the i18n files.
use crate::i18n::*;
use domain::types::*;

pub fn months(l: Locale) -> [&'static str; 12] {
    [
        td_string!(l, months.m1),
        td_string!(l, months.m2),
        td_string!(l, months.m3),
        td_string!(l, months.m4),
        td_string!(l, months.m5),
        td_string!(l, months.m6),
        td_string!(l, months.m7),
        td_string!(l, months.m8),
        td_string!(l, months.m9),
        td_string!(l, months.m10),
        td_string!(l, months.m11),
        td_string!(l, months.m12),
    ]
}

/// A span as precisely as it is known, in the reader's language ("Sept 2017", "sept. 2017").
pub fn span(l: Locale, s: &DateSpan) -> String {
    s.format_with(&months(l))
}

/// A single day.
pub fn day(l: Locale, d: chrono::NaiveDate) -> String {
    span(l, &DateSpan::day(d))
}

/// The machine-readable form of a span for `<time datetime>`, at its precision.
pub fn datetime_attr(s: &DateSpan) -> String {
    match s.precision {
        DatePrecision::Day => s.start.format("%Y-%m-%d").to_string(),
        DatePrecision::Month => s.start.format("%Y-%m").to_string(),
        DatePrecision::Quarter | DatePrecision::Year => s.start.format("%Y").to_string(),
    }
}

pub fn roman(n: i32) -> String {
    match n {
        1 => "I",
        2 => "II",
        3 => "III",
        4 => "IV",
        5 => "V",
        6 => "VI",
        7 => "VII",
        8 => "VIII",
        9 => "IX",
        10 => "X",
        _ => return n.to_string(),
    }
    .to_string()
}

/// "Phase I: Consultations"; the opening summit (ordinal 0) has no number.
pub fn phase_name(l: Locale, p: &PhaseView) -> String {
    if p.ordinal <= 0 {
        p.name.clone()
    } else {
        td_string!(l, common.phase_numbered, numeral = roman(p.ordinal), name = p.name.clone()).to_string()
    }
}

pub fn kind(l: Locale, k: ConsultationKind) -> &'static str {
    use ConsultationKind as K;
    match k {
        K::Thematic => td_string!(l, kind.thematic),
        K::RegionalIntergovernmental => td_string!(l, kind.regional_intergovernmental),
        K::RegionalCivilSociety => td_string!(l, kind.regional_civil_society),
        K::NationalMultistakeholder => td_string!(l, kind.national_multistakeholder),
        K::RegionalConsultativeProcess => td_string!(l, kind.regional_consultative_process),
        K::MultistakeholderHearing => td_string!(l, kind.multistakeholder_hearing),
        K::Stocktaking => td_string!(l, kind.stocktaking),
        K::NegotiationRound => td_string!(l, kind.negotiation_round),
        K::Conference => td_string!(l, kind.conference),
        K::Endorsement => td_string!(l, kind.endorsement),
        K::RegionalReview => td_string!(l, kind.regional_review),
        K::ReviewForum => td_string!(l, kind.review_forum),
    }
}

/// What a position addresses, in words.
pub fn addresses(l: Locale, a: Addresses, addressee: &str) -> String {
    match a {
        Addresses::Negotiation => td_string!(l, addresses.negotiation).to_string(),
        Addresses::FollowUp => td_string!(l, addresses.follow_up).to_string(),
        Addresses::Other => td_string!(l, addresses.other, addressee = addressee.to_string()).to_string(),
    }
}

/// The choice's label in the position form.
pub fn addresses_choice(l: Locale, a: Addresses) -> &'static str {
    match a {
        Addresses::Negotiation => td_string!(l, addresses.negotiation),
        Addresses::FollowUp => td_string!(l, addresses.follow_up),
        Addresses::Other => td_string!(l, addresses.other_choice),
    }
}

/// Which drafts' scorecards count a position's demands, by the scorecard's rule.
pub fn scored_note(l: Locale, p: &PositionView) -> String {
    match (p.addresses, p.published, &p.responds_to) {
        (Addresses::FollowUp, _, _) => td_string!(l, scored.follow_up).to_string(),
        (Addresses::Other, _, _) => td_string!(l, scored.other, addressee = p.addressee.clone()).to_string(),
        (Addresses::Negotiation, Some(made), Some(d)) => {
            td_string!(l, scored.responds, draft = d.label.clone(), date = day(l, made.end)).to_string()
        }
        (Addresses::Negotiation, None, Some(d)) => {
            td_string!(l, scored.responds_undated, draft = d.label.clone()).to_string()
        }
        (Addresses::Negotiation, Some(made), None) => {
            td_string!(l, scored.from_date, date = day(l, made.end)).to_string()
        }
        (Addresses::Negotiation, None, None) => td_string!(l, scored.undated).to_string(),
    }
}

/// Why a demand cannot be rated against a draft.
pub fn not_scored(l: Locale, n: &NotScored) -> String {
    match n {
        NotScored::FollowUp => td_string!(l, scored.follow_up).to_string(),
        NotScored::OtherAddressee { addressee } => {
            td_string!(l, scored.other, addressee = addressee.clone()).to_string()
        }
        NotScored::Undated => td_string!(l, scored.undated).to_string(),
        NotScored::MadeAfter { made, released } => {
            td_string!(l, scored.made_after, made = span(l, made), released = day(l, *released)).to_string()
        }
    }
}

pub fn status(l: Locale, s: ConsultationStatus) -> &'static str {
    use ConsultationStatus as S;
    match s {
        S::Planned => td_string!(l, status.planned),
        S::Confirmed => td_string!(l, status.confirmed),
        S::Held => td_string!(l, status.held),
        S::Postponed => td_string!(l, status.postponed),
        S::Cancelled => td_string!(l, status.cancelled),
    }
}

pub fn access(l: Locale, a: CivilSocietyAccess) -> &'static str {
    use CivilSocietyAccess as A;
    match a {
        A::Open => td_string!(l, access.open),
        A::Accredited => td_string!(l, access.accredited),
        A::ByInvitation => td_string!(l, access.by_invitation),
        A::Closed => td_string!(l, access.closed),
        A::Unknown => td_string!(l, access.unknown),
    }
}

pub fn region(l: Locale, r: Region) -> &'static str {
    use Region as R;
    match r {
        R::Global => td_string!(l, region.global),
        R::Africa => td_string!(l, region.africa),
        R::ArabStates => td_string!(l, region.arab_states),
        R::AsiaPacific => td_string!(l, region.asia_pacific),
        R::Europe => td_string!(l, region.europe),
        R::LatinAmericaCaribbean => td_string!(l, region.latin_america_caribbean),
        R::NorthAmerica => td_string!(l, region.north_america),
    }
}

pub fn org_kind(l: Locale, k: OrganisationKind) -> &'static str {
    use OrganisationKind as K;
    match k {
        K::MigrantLed => td_string!(l, org_kind.migrant_led),
        K::Ngo => td_string!(l, org_kind.ngo),
        K::TradeUnion => td_string!(l, org_kind.trade_union),
        K::FaithBased => td_string!(l, org_kind.faith_based),
        K::Academic => td_string!(l, org_kind.academic),
        K::Network => td_string!(l, org_kind.network),
    }
}

pub fn rating(l: Locale, r: Rating) -> &'static str {
    match r {
        Rating::Met => td_string!(l, scorecard.met),
        Rating::PartlyMet => td_string!(l, scorecard.partly_met),
        Rating::NotAddressed => td_string!(l, scorecard.not_addressed),
        Rating::Contradicted => td_string!(l, scorecard.contradicted),
    }
}

pub fn text_format(l: Locale, f: TextFormat) -> &'static str {
    match f {
        TextFormat::Markdown => td_string!(l, drafts.format_markdown),
        TextFormat::Plain => td_string!(l, drafts.format_plain),
    }
}

/// A section of a draft as cited ("Objective 13", "Paragraph 29"), from its key.
pub fn section(l: Locale, key: &str) -> String {
    match key.split_once('-') {
        Some(("objective", n)) => td_string!(l, scorecard.objective_n, number = n.to_string()).to_string(),
        Some(("paragraph", n)) => td_string!(l, scorecard.paragraph_n, number = n.to_string()).to_string(),
        _ => key.to_string(),
    }
}

pub fn stance(l: Locale, s: Stance) -> &'static str {
    match s {
        Stance::Advance => td_string!(l, common.advance),
        Stance::Limit => td_string!(l, common.limit),
    }
}

pub fn action(l: Locale, a: RevisionAction) -> &'static str {
    match a {
        RevisionAction::Created => td_string!(l, history.created),
        RevisionAction::Updated => td_string!(l, history.updated),
        RevisionAction::Deleted => td_string!(l, history.deleted),
    }
}

/// How precisely dates are known, as the editors offer it.
pub fn precision(l: Locale, p: DatePrecision) -> &'static str {
    match p {
        DatePrecision::Day => td_string!(l, editor.precision_day),
        DatePrecision::Month => td_string!(l, editor.precision_month),
        DatePrecision::Quarter => td_string!(l, editor.precision_quarter),
        DatePrecision::Year => td_string!(l, editor.precision_year),
    }
}

/// A person's role, as their account page names it.
pub fn role_name(l: Locale, role: Role) -> &'static str {
    match role {
        Role::Coordinator => td_string!(l, account.role_coordinator),
        Role::Member => td_string!(l, account.role_member),
    }
}

pub fn role(l: Locale, role: &str) -> &'static str {
    match role {
        "coordinator" => td_string!(l, history.role_coordinator),
        "member" => td_string!(l, history.role_member),
        "system" => td_string!(l, history.role_system),
        _ => td_string!(l, history.role_public),
    }
}

/// A stored value of a revision, shown in the reader's terms (dates formatted, vocabularies named).
pub fn field_value(l: Locale, field: &str, value: &str) -> String {
    if value.is_empty() {
        return td_string!(l, history.empty).to_string();
    }
    let named = match field {
        "dates" => DateSpan::from_storage(value).ok().map(|s| span(l, &s)),
        "kind" => value.parse().ok().map(|k| kind(l, k).to_string()),
        "status" => value.parse().ok().map(|s| status(l, s).to_string()),
        "region" => value.parse().ok().map(|r| region(l, r).to_string()),
        "civil_society_access" => value.parse().ok().map(|a| access(l, a).to_string()),
        "elements" => Some(value.split(',').map(|c| format!("({c})")).collect::<Vec<_>>().join(" ")),
        _ => None,
    };
    named.unwrap_or_else(|| value.to_string())
}

/// Why a value was refused, in the reader's language (shown next to the field).
pub fn reason(l: Locale, r: &InvalidReason) -> String {
    match r {
        InvalidReason::UnknownValue(v) => td_string!(l, errors.reason_unknown_value, value = v.clone()).to_string(),
        InvalidReason::NotADate(v) => td_string!(l, errors.reason_not_a_date, value = v.clone()).to_string(),
        InvalidReason::NotANumber(v) => td_string!(l, errors.reason_not_a_number, value = v.clone()).to_string(),
        InvalidReason::Required => td_string!(l, errors.reason_required).to_string(),
        InvalidReason::TooLong { max } => td_string!(l, errors.reason_too_long, max = *max).to_string(),
        InvalidReason::BadDateSpan => td_string!(l, errors.reason_bad_span).to_string(),
        InvalidReason::TooShort { min } => td_string!(l, errors.reason_too_short, min = *min).to_string(),
        InvalidReason::AlreadyTaken => td_string!(l, errors.reason_taken).to_string(),
        InvalidReason::EndBeforeStart => td_string!(l, errors.reason_end_before_start).to_string(),
        InvalidReason::PrecisionMismatch => td_string!(l, errors.reason_precision_mismatch).to_string(),
        InvalidReason::WrongPassword => td_string!(l, errors.reason_wrong_password).to_string(),
        InvalidReason::Mismatch => td_string!(l, errors.reason_mismatch).to_string(),
        InvalidReason::Expired => td_string!(l, errors.reason_expired).to_string(),
        InvalidReason::NotAnEmail => td_string!(l, errors.reason_not_an_email).to_string(),
        InvalidReason::NoSections => td_string!(l, errors.reason_no_sections).to_string(),
        InvalidReason::DuplicateSection { section: key, first_line, line } => {
            td_string!(l, errors.reason_duplicate_section, section = section(l, key), first = *first_line, line = *line)
                .to_string()
        }
        InvalidReason::UnknownSection(key) => {
            td_string!(l, errors.reason_unknown_section, section = key.clone()).to_string()
        }
        InvalidReason::NotPublished => td_string!(l, errors.reason_not_published).to_string(),
        InvalidReason::NotText => td_string!(l, errors.reason_not_text).to_string(),
        InvalidReason::TooManySections { max } => {
            td_string!(l, errors.reason_too_many_sections, max = *max).to_string()
        }
        InvalidReason::NotScored(n) => not_scored(l, n),
        InvalidReason::OnlyForNegotiation => td_string!(l, errors.reason_only_for_negotiation).to_string(),
        InvalidReason::BeforeRelease { released } => {
            td_string!(l, errors.reason_before_release, released = day(l, *released)).to_string()
        }
    }
}

/// The message for a validation failure: which field, and why.
pub fn invalid(l: Locale, e: &Invalid) -> String {
    td_string!(l, errors.bad_request, field = e.field.clone(), reason = reason(l, &e.reason)).to_string()
}

pub fn what(l: Locale, what: EntityType) -> &'static str {
    match what {
        EntityType::Phase => td_string!(l, errors.what_phase),
        EntityType::Consultation => td_string!(l, errors.what_consultation),
        EntityType::Element => td_string!(l, errors.what_element),
        EntityType::Organisation => td_string!(l, errors.what_organisation),
        EntityType::Position => td_string!(l, errors.what_position),
        EntityType::Demand => td_string!(l, errors.what_demand),
        EntityType::Draft => td_string!(l, errors.what_draft),
        EntityType::Assessment => td_string!(l, errors.what_assessment),
        EntityType::Comment => td_string!(l, errors.what_comment),
        EntityType::Account => td_string!(l, errors.what_account),
        EntityType::DocumentedChange => td_string!(l, errors.what_documented_change),
        EntityType::ThematicSession => td_string!(l, errors.what_thematic_session),
    }
}

/// The feeds' own words: titles of the Atom feed and the calendar.
pub struct FeedWords {
    pub atom_title: &'static str,
    pub atom_subtitle: &'static str,
    pub calendar_name: &'static str,
}

pub fn feed_words(l: Locale) -> FeedWords {
    FeedWords {
        atom_title: td_string!(l, feeds.atom_title),
        atom_subtitle: td_string!(l, feeds.atom_subtitle),
        calendar_name: td_string!(l, feeds.calendar_name),
    }
}

/// What a calendar entry says about dates known only roughly ("" for exact days).
pub fn precision_note(l: Locale, p: DatePrecision) -> &'static str {
    match p {
        DatePrecision::Day => "",
        DatePrecision::Month => td_string!(l, feeds.known_to_month),
        DatePrecision::Quarter => td_string!(l, feeds.known_to_quarter),
        DatePrecision::Year => td_string!(l, feeds.known_to_year),
    }
}
