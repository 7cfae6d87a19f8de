//! The scorecard's forms as posted: a draft (with its text) and an assessment.
use chrono::NaiveDate;

use super::enums::{Rating, TextFormat};
use super::forms::{check_len, check_slug, parse_choice, parse_date, FormValues};
use super::validation::{Invalid, InvalidReason};

/// The longest quote an assessment may carry: evidence is a short quote, not the text.
pub const MAX_QUOTE_CHARS: usize = 500;

/// The marker a form reader adds when an uploaded file is not UTF-8 text.
pub const UPLOAD_NOT_TEXT: &str = "text_file.not_text";

/// Everything a coordinator enters for a draft. `text` is empty when the text is not
/// (re)entered.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftFields {
    pub slug: String,
    pub label: String,
    pub released_on: NaiveDate,
    pub objective_count: Option<i32>,
    pub source_url: String,
    pub note: String,
    pub format: TextFormat,
    pub text: String,
}

impl DraftFields {
    pub fn from_form(values: &FormValues) -> Result<Self, Vec<Invalid>> {
        let mut errors = Vec::new();
        let released_on = parse_date(values, "released_on").map_err(|e| errors.push(e)).ok();
        let format = if values.get("format").trim().is_empty() {
            Some(TextFormat::Markdown)
        } else {
            parse_choice(values, "format").map_err(|e| errors.push(e)).ok()
        };
        let raw_count = values.get("objective_count").trim();
        let objective_count = if raw_count.is_empty() {
            Some(None)
        } else {
            match raw_count.parse::<i32>() {
                Ok(n) if (0..=1000).contains(&n) => Some(Some(n)),
                _ => {
                    errors.push(Invalid::new("objective_count", InvalidReason::NotANumber(raw_count.to_string())));
                    None
                }
            }
        };
        let fields = DraftFields {
            slug: values.get("slug").trim().to_string(),
            label: values.get("label").trim().to_string(),
            released_on: released_on.unwrap_or_default(),
            objective_count: objective_count.flatten(),
            source_url: values.get("source_url").trim().to_string(),
            note: values.get("note").trim().to_string(),
            format: format.unwrap_or(TextFormat::Markdown),
            text: Self::text_of(values),
        };
        if values.has(UPLOAD_NOT_TEXT) {
            errors.push(Invalid::new("text_file", InvalidReason::NotText));
        }
        errors.extend(fields.check());
        if errors.is_empty() {
            Ok(fields)
        } else {
            Err(errors)
        }
    }

    /// The form's fields filled with this draft (the inverse of `from_form`).
    pub fn to_form(&self) -> FormValues {
        let mut f = FormValues::default();
        f.push("label", &self.label);
        f.push("slug", &self.slug);
        f.push("released_on", self.released_on);
        f.push("source_url", &self.source_url);
        f.push("objective_count", self.objective_count.map(|n| n.to_string()).unwrap_or_default());
        f.push("note", &self.note);
        f.push("format", self.format);
        f.push("text", &self.text);
        f
    }

    /// A stored draft with its text, as its editor shows it.
    pub fn of(d: &super::drafts::DraftDetail, format: TextFormat, text: String) -> Self {
        DraftFields {
            slug: d.slug.clone(),
            label: d.label.clone(),
            released_on: d.released_on,
            objective_count: d.objective_count,
            source_url: d.source_url.clone(),
            note: d.note.clone(),
            format,
            text,
        }
    }

    /// The text entered: the uploaded file's when one was chosen, else the pasted one.
    pub fn text_of(values: &FormValues) -> String {
        let uploaded = values.get("text_file");
        if uploaded.trim().is_empty() {
            values.get("text").to_string()
        } else {
            uploaded.trim_start_matches('\u{feff}').to_string()
        }
    }

    /// Every field's problem (the text's sections are checked when it is split).
    pub fn check(&self) -> Vec<Invalid> {
        let mut errors = Vec::new();
        let mut add = |r: Result<(), Invalid>| {
            if let Err(e) = r {
                errors.push(e);
            }
        };
        add(check_slug(&self.slug));
        add(check_len("label", &self.label, 200, true));
        add(check_len("source_url", &self.source_url, 500, false));
        add(check_len("note", &self.note, 2000, false));
        if !self.source_url.is_empty()
            && !self.source_url.starts_with("https://")
            && !self.source_url.starts_with("http://")
        {
            add(Err(Invalid::new("source_url", InvalidReason::UnknownValue(self.source_url.clone()))));
        }
        errors
    }
}

/// A rating of one demand against one draft, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentFields {
    pub rating: Rating,
    /// The key of the section cited (`objective-13`); may be empty for "not addressed".
    pub section: String,
    /// A short quote from the section, or for "not addressed" a note of where it was looked for.
    pub quote: String,
    /// Why this rating (optional).
    pub note: String,
    /// The public source documenting the draft's wording: required where the tracker does not
    /// hold the draft's text (the service checks that), an http(s) address.
    pub source_url: String,
}

impl AssessmentFields {
    pub fn from_form(values: &FormValues) -> Result<Self, Vec<Invalid>> {
        let rating = parse_choice::<Rating>(values, "rating");
        let section = values.get("section").trim().to_string();
        let quote = values.get("quote").trim().to_string();
        let note = values.get("note").trim().to_string();
        let source_url = values.get("source_url").trim().to_string();
        match rating {
            Ok(rating) => {
                let fields = AssessmentFields { rating, section, quote, note, source_url };
                let errors = fields.check();
                if errors.is_empty() {
                    Ok(fields)
                } else {
                    Err(errors)
                }
            }
            Err(e) => Err(vec![e]),
        }
    }

    /// Evidence is required: a section and a quote, except that "not addressed" needs only a
    /// note of where the demand was looked for.
    pub fn check(&self) -> Vec<Invalid> {
        let mut errors = Vec::new();
        if self.rating != Rating::NotAddressed && self.section.is_empty() {
            errors.push(Invalid::new("section", InvalidReason::Required));
        }
        if let Err(e) = check_len("quote", &self.quote, MAX_QUOTE_CHARS, true) {
            errors.push(e);
        }
        if let Err(e) = check_len("note", &self.note, 1000, false) {
            errors.push(e);
        }
        if let Err(e) = check_len("source_url", &self.source_url, 500, false) {
            errors.push(e);
        } else if !self.source_url.is_empty()
            && !self.source_url.starts_with("https://")
            && !self.source_url.starts_with("http://")
        {
            errors.push(Invalid::new("source_url", InvalidReason::UnknownValue(self.source_url.clone())));
        }
        errors
    }
}

/// A change documented between drafts, as a coordinator enters it on the draft where it is
/// first documented.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftChangeFields {
    /// The latest draft (its slug) documented with the earlier wording, if known.
    pub earlier: Option<String>,
    /// The section of this draft it concerns (`objective-13`), or empty.
    pub section: String,
    /// Where, in words.
    pub locator: String,
    /// What changed, in the tracker's words.
    pub summary: String,
    /// A few words of the earlier wording, as the source quotes it.
    pub before: String,
    /// A few words of the later wording, as the source quotes it.
    pub after: String,
    /// The public source documenting the change (required).
    pub source_url: String,
}

impl DraftChangeFields {
    pub fn from_form(values: &FormValues) -> Result<Self, Vec<Invalid>> {
        let text = |f: &str| values.get(f).trim().to_string();
        let earlier = Some(text("earlier")).filter(|s| !s.is_empty());
        let fields = DraftChangeFields {
            earlier,
            section: text("section"),
            locator: text("locator"),
            summary: text("summary"),
            before: text("before"),
            after: text("after"),
            source_url: text("source_url"),
        };
        let errors = fields.check();
        if errors.is_empty() {
            Ok(fields)
        } else {
            Err(errors)
        }
    }

    pub fn check(&self) -> Vec<Invalid> {
        let mut errors: Vec<Invalid> = [
            check_len("locator", &self.locator, 300, true),
            check_len("summary", &self.summary, 1000, true),
            check_len("before", &self.before, MAX_QUOTE_CHARS, false),
            check_len("after", &self.after, MAX_QUOTE_CHARS, false),
            check_len("source_url", &self.source_url, 500, true),
        ]
        .into_iter()
        .filter_map(Result::err)
        .collect();
        if !self.source_url.is_empty()
            && !self.source_url.starts_with("https://")
            && !self.source_url.starts_with("http://")
            && !errors.iter().any(|e| e.field == "source_url")
        {
            errors.push(Invalid::new("source_url", InvalidReason::UnknownValue(self.source_url.clone())));
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> FormValues {
        FormValues(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    #[test]
    fn an_assessment_needs_its_evidence() {
        let ok = AssessmentFields::from_form(&form(&[
            ("rating", "met"),
            ("section", "objective-13"),
            ("quote", "last resort"),
        ]));
        assert_eq!(ok.map(|f| f.rating), Ok(Rating::Met));
        let errors = AssessmentFields::from_form(&form(&[("rating", "partly_met")])).expect_err("no evidence");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["section", "quote"]);
        let note_only = AssessmentFields::from_form(&form(&[
            ("rating", "not_addressed"),
            ("quote", "Objective 16 is silent on it"),
        ]));
        assert!(note_only.is_ok());
        assert!(AssessmentFields::from_form(&form(&[("rating", "not_addressed")])).is_err());
        let bad =
            AssessmentFields::from_form(&form(&[("rating", "great"), ("quote", "x")])).expect_err("unknown rating");
        assert_eq!(bad[0].reason, InvalidReason::UnknownValue("great".into()));
        let long = "x".repeat(MAX_QUOTE_CHARS + 1);
        let too_long =
            AssessmentFields::from_form(&form(&[("rating", "met"), ("section", "objective-1"), ("quote", &long)]));
        assert_eq!(too_long.expect_err("long")[0].reason, InvalidReason::TooLong { max: MAX_QUOTE_CHARS });
    }

    #[test]
    fn a_documented_change_needs_where_what_and_its_source() {
        let errors = DraftChangeFields::from_form(&form(&[("source_url", "ftp://x")])).expect_err("empty");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["locator", "summary", "source_url"]);
        let ok = DraftChangeFields::from_form(&form(&[
            ("earlier", "zero-draft"),
            ("locator", "Objective 13"),
            ("summary", "Child detention softened"),
            ("source_url", "https://example.org/x"),
        ]))
        .expect("valid");
        assert_eq!(ok.earlier.as_deref(), Some("zero-draft"));
    }

    #[test]
    fn a_draft_reports_every_bad_field() {
        let errors = DraftFields::from_form(&form(&[
            ("slug", "Bad Slug"),
            ("label", ""),
            ("released_on", "2018-13-01"),
            ("objective_count", "many"),
            ("source_url", "ftp://x"),
        ]))
        .expect_err("bad");
        let mut fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        fields.sort();
        assert_eq!(fields, ["label", "objective_count", "released_on", "slug", "source_url"]);
        let ok =
            DraftFields::from_form(&form(&[("slug", "rev-4"), ("label", "Revision 4"), ("released_on", "2018-07-01")]));
        assert_eq!(ok.map(|d| (d.format, d.objective_count)), Ok((TextFormat::Markdown, None)));
    }

    #[test]
    fn an_uploaded_file_replaces_the_pasted_text_and_must_be_text() {
        let base = [("slug", "rev-4"), ("label", "Revision 4"), ("released_on", "2018-07-01"), ("text", "1. Pasted.")];
        let pasted = DraftFields::from_form(&form(&base)).expect("pasted");
        assert_eq!(pasted.text, "1. Pasted.");
        let mut with_file = base.to_vec();
        with_file.push(("text_file", "\u{feff}1. Uploaded."));
        assert_eq!(DraftFields::from_form(&form(&with_file)).expect("uploaded").text, "1. Uploaded.");
        let mut not_text = base.to_vec();
        not_text.push((UPLOAD_NOT_TEXT, ""));
        let errors = DraftFields::from_form(&form(&not_text)).expect_err("not text");
        assert_eq!((errors[0].field.as_str(), &errors[0].reason), ("text_file", &InvalidReason::NotText));
    }
}
