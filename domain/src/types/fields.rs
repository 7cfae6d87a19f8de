//! The fields of each editable record, one enum per record. A field's name is what revisions
//! store and what its label is looked up by; its inputs are the form inputs that carry it.
//! The editors' labels, the conflict view and the histories all walk these lists, so a field
//! added here is refused by the compiler until every exhaustive `match` on it has a label.
use crate::types::EntityType;

/// A field of one kind of record.
pub trait RecordField: Copy + Eq + std::fmt::Debug + Send + Sync + 'static {
    /// Every field, in the order editors and revisions list them.
    const ALL: &'static [Self];
    /// The field's name in revisions (and the key of its label).
    fn name(self) -> &'static str;
    /// The form inputs that carry the field (its name, unless it spreads over several).
    fn inputs(self) -> &'static [&'static str];
    /// The field named `name`, if this record has one.
    fn parse(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.name() == name)
    }
}

/// Declares a record's fields: `Variant = "name"`, or `Variant = "name" ["input", ...]` for a
/// field that several form inputs carry.
macro_rules! record_fields {
    ($(#[$meta:meta])* $Name:ident { $($Variant:ident = $name:literal $([$($input:literal),+])?),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $Name { $($Variant),+ }

        impl RecordField for $Name {
            const ALL: &'static [Self] = &[$($Name::$Variant),+];

            fn name(self) -> &'static str {
                match self { $($Name::$Variant => $name),+ }
            }

            fn inputs(self) -> &'static [&'static str] {
                match self { $($Name::$Variant => record_fields!(@inputs $name $([$($input),+])?)),+ }
            }
        }
    };
    (@inputs $name:literal) => { &[$name] };
    (@inputs $name:literal [$($input:literal),+]) => { &[$($input),+] };
}

record_fields!(
    /// A phase of the process.
    PhaseField {
        Slug = "slug",
        Name = "name",
        Ordinal = "ordinal",
        Dates = "dates" ["starts_on", "ends_on", "precision"],
        Note = "note",
    }
);

record_fields!(
    /// A consultation on the timeline.
    ConsultationField {
        Slug = "slug",
        Kind = "kind",
        Title = "title",
        Phase = "phase" ["phase_id"],
        Dates = "dates" ["starts_on", "ends_on", "precision"],
        VenueCity = "venue_city",
        VenueCountry = "venue_country",
        Region = "region",
        Organiser = "organiser",
        CivilSocietyAccess = "civil_society_access",
        Status = "status",
        Elements = "elements",
        Notes = "notes",
        Links = "links",
    }
);

record_fields!(
    /// An organisation of civil society.
    OrganisationField {
        Slug = "slug",
        Name = "name",
        Acronym = "acronym",
        Kind = "kind",
        Country = "country",
        Region = "region",
        Website = "website",
        Description = "description",
        Coalitions = "coalitions",
    }
);

record_fields!(
    /// A position: an organisation's statement, its date and what it addresses.
    PositionField {
        Slug = "slug",
        Title = "title",
        Published = "published" ["published_on", "precision"],
        Addresses = "addresses",
        Addressee = "addressee",
        RespondsTo = "responds_to",
        Summary = "summary",
        Source = "source",
        SourceLocator = "source_locator",
        PresentedAt = "presented_at",
        Status = "status",
        Signatories = "signatories",
    }
);

record_fields!(
    /// A demand inside a position.
    DemandField {
        Slug = "slug",
        Text = "text",
        Quote = "quote",
        Elements = "elements" ["stance_a", "stance_b", "stance_c", "stance_d", "stance_e", "stance_f", "stance_g", "stance_h", "stance_i", "stance_j", "stance_k", "stance_l", "stance_m", "stance_n", "stance_o", "stance_p", "stance_q", "stance_r", "stance_s", "stance_t", "stance_u", "stance_v", "stance_w", "stance_x"],
    }
);

record_fields!(
    /// A draft of the compact.
    CompactDraftField {
        Slug = "slug",
        Label = "label",
        ReleasedOn = "released_on",
        ObjectiveCount = "objective_count",
        SourceUrl = "source_url",
        Note = "note",
        Text = "text",
    }
);

record_fields!(
    /// A comment: its author changes only its text.
    CommentField {
        Body = "body",
    }
);

record_fields!(
    /// An account, as coordinators change it.
    AccountField {
        Role = "role",
        Organisation = "organisation",
        Disabled = "disabled",
    }
);

record_fields!(
    /// A rating of a demand against a draft.
    AssessmentField {
        Rating = "rating",
        Section = "section",
        Quote = "quote",
        Note = "note",
        SourceUrl = "source_url",
        ByTracker = "by_tracker",
    }
);

/// A field of any record, as a revision names it: `None` for a name no record has any more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnyField {
    Phase(PhaseField),
    Consultation(ConsultationField),
    Organisation(OrganisationField),
    Position(PositionField),
    Demand(DemandField),
    CompactDraft(CompactDraftField),
    Comment(CommentField),
    Account(AccountField),
    Assessment(AssessmentField),
}

impl AnyField {
    /// The field `name` of a record of kind `kind`.
    pub fn of(kind: EntityType, name: &str) -> Option<AnyField> {
        match kind {
            EntityType::Phase => PhaseField::parse(name).map(AnyField::Phase),
            EntityType::Consultation => ConsultationField::parse(name).map(AnyField::Consultation),
            EntityType::Organisation => OrganisationField::parse(name).map(AnyField::Organisation),
            EntityType::Position => PositionField::parse(name).map(AnyField::Position),
            EntityType::Demand => DemandField::parse(name).map(AnyField::Demand),
            EntityType::Draft => CompactDraftField::parse(name).map(AnyField::CompactDraft),
            EntityType::Comment => CommentField::parse(name).map(AnyField::Comment),
            EntityType::Account => AccountField::parse(name).map(AnyField::Account),
            EntityType::Assessment => AssessmentField::parse(name).map(AnyField::Assessment),
            EntityType::Element | EntityType::DocumentedChange | EntityType::ThematicSession => None,
        }
    }
}

/// Each field's value as a revision records it, read off the record's form: a field's inputs
/// joined with "/", an input that repeats (checkboxes) sorted and joined with ",". A field whose
/// revision keeps another form (a phase's name rather than its id) is then `set` by its record.
pub fn revision_values<F: RecordField>(form: &super::FormValues) -> Vec<(F, String)> {
    F::ALL
        .iter()
        .map(|&field| {
            let value = field
                .inputs()
                .iter()
                .map(|input| {
                    let mut v: Vec<&str> = form.all(input).into_iter().map(str::trim).collect();
                    v.sort_unstable();
                    v.dedup();
                    v.join(",")
                })
                .collect::<Vec<_>>()
                .join("/");
            (field, value)
        })
        .collect()
}

/// Replaces `field`'s value in `values` (see [`revision_values`]).
pub fn set<F: RecordField>(values: &mut [(F, String)], field: F, value: String) {
    if let Some(slot) = values.iter_mut().find(|(f, _)| *f == field) {
        slot.1 = value;
    }
}

/// The rows of a conflict: each field whose saved and typed values differ, with both, compared
/// over the field's inputs (inputs that repeat, like checkboxes, compared as sets).
pub fn differing<F: RecordField>(saved: &super::FormValues, typed: &super::FormValues) -> Vec<(F, String, String)> {
    F::ALL
        .iter()
        .filter_map(|&field| {
            let values = |form: &super::FormValues| {
                field
                    .inputs()
                    .iter()
                    .map(|input| {
                        let mut v: Vec<&str> = form.all(input).into_iter().map(str::trim).collect();
                        v.sort_unstable();
                        v.join(", ")
                    })
                    .filter(|v| !v.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · ")
            };
            let (a, b) = (values(saved), values(typed));
            (a != b).then_some((field, a, b))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::FormValues;

    fn form(pairs: &[(&str, &str)]) -> FormValues {
        FormValues(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    #[test]
    fn names_parse_back_and_a_spread_field_lists_its_inputs() {
        for f in ConsultationField::ALL {
            assert_eq!(ConsultationField::parse(f.name()), Some(*f));
        }
        assert_eq!(ConsultationField::Dates.inputs(), &["starts_on", "ends_on", "precision"]);
        assert_eq!(ConsultationField::Title.inputs(), &["title"]);
        assert_eq!(AnyField::of(EntityType::Phase, "dates"), Some(AnyField::Phase(PhaseField::Dates)));
        assert_eq!(AnyField::of(EntityType::Phase, "venue_city"), None);
    }

    #[test]
    fn revision_values_follow_the_form_and_a_record_sets_its_own_forms() {
        let input = crate::types::PhaseInput {
            slug: "p".into(),
            ordinal: 3,
            name: "Negotiation".into(),
            span: crate::types::DateSpan::from_storage("2018-02-01/2018-07-31/month").expect("span"),
            note: String::new(),
        };
        let mut values = revision_values::<PhaseField>(&input.to_form());
        assert_eq!(values[2], (PhaseField::Ordinal, "3".to_string()));
        assert_eq!(values[3], (PhaseField::Dates, "2018-02-01/2018-07-31/month".to_string()));
        set(&mut values, PhaseField::Note, "kept".into());
        assert_eq!(values[4], (PhaseField::Note, "kept".to_string()));
        let form = form(&[("elements", "c"), ("elements", "a"), ("elements", "c")]);
        let elements =
            revision_values::<ConsultationField>(&form).into_iter().find(|(f, _)| *f == ConsultationField::Elements);
        assert_eq!(elements, Some((ConsultationField::Elements, "a,c".to_string())));
    }

    /// Every input a record's form carries belongs to one of the record's fields: a field
    /// added to a form but not to its list would never reach revisions or conflict tables.
    fn covered<F: RecordField>(form: &FormValues, not_fields: &[&str]) {
        for (input, _) in &form.0 {
            let owned = F::ALL.iter().any(|f| f.inputs().contains(&input.as_str()));
            assert!(
                owned || not_fields.contains(&input.as_str()),
                "{input} is in no field of {}",
                std::any::type_name::<F>()
            );
        }
    }

    #[test]
    fn every_form_input_belongs_to_a_field() {
        use crate::types::*;
        let span = DateSpan::from_storage("2018-02-01/2018-07-31/month").expect("span");
        let phase = PhaseInput { slug: "p".into(), ordinal: 1, name: "n".into(), span, note: String::new() };
        covered::<PhaseField>(&phase.to_form(), &[]);
        let consultation = ConsultationInput {
            slug: "c".into(),
            kind: ConsultationKind::Thematic,
            title: "t".into(),
            phase_id: Some(1),
            span,
            venue_city: "Geneva".into(),
            venue_country: String::new(),
            region: Region::Global,
            organiser: String::new(),
            civil_society_access: CivilSocietyAccess::Unknown,
            status: ConsultationStatus::Held,
            notes: String::new(),
            elements: vec![ElementLetter::new('i').expect("letter")],
            links: vec![LinkView { label: "l".into(), url: "https://example.org".into() }],
        };
        covered::<ConsultationField>(&consultation.to_form(), &[]);
        covered::<ConsultationField>(&ConsultationInput::new_form(), &[]);
        let position = PositionFields {
            slug: "p".into(),
            title: "t".into(),
            published: Some(span),
            addresses: Addresses::Negotiation,
            addressee: String::new(),
            responds_to: Some("zero".into()),
            summary: String::new(),
            source: None,
            source_locator: String::new(),
            presented_at: None,
        };
        covered::<PositionField>(&position.to_form(), &[]);
        covered::<PositionField>(&PositionFields::new_form(), &[]);
        let demand = DemandFields {
            slug: "d".into(),
            text: "t".into(),
            quote: String::new(),
            elements: vec![(ElementLetter::new('a').expect("letter"), Stance::Advance)],
        };
        covered::<DemandField>(&demand.to_form(), &[]);
        let draft = DraftFields {
            slug: "zero".into(),
            label: "Zero draft".into(),
            released_on: span.start,
            objective_count: Some(22),
            source_url: String::new(),
            note: String::new(),
            format: TextFormat::Markdown,
            text: String::new(),
        };
        // How the text was written is kept with the text, not as a field of its own.
        covered::<CompactDraftField>(&draft.to_form(), &["format"]);
    }

    #[test]
    fn a_conflict_lists_only_the_fields_that_differ() {
        let saved = form(&[("title", "A"), ("starts_on", "2017-05-01"), ("elements", "a"), ("elements", "b")]);
        let typed = form(&[("title", "A "), ("starts_on", "2017-05-02"), ("elements", "b"), ("elements", "a")]);
        let rows = differing::<ConsultationField>(&saved, &typed);
        assert_eq!(rows, vec![(ConsultationField::Dates, "2017-05-01".to_string(), "2017-05-02".to_string())]);
    }
}
