//! The record's forms (organisations, positions, demands) as posted, and their parsing.
use chrono::NaiveDate;

use super::dates::{DatePrecision, DateSpan};
use super::enums::*;
use super::filters::ElementLetter;
use super::forms::{check_len, check_slug, parse_choice, FormValues};
use super::validation::{Invalid, InvalidReason};

/// Everything a coordinator enters for an organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct OrganisationInput {
    pub slug: String,
    pub name: String,
    pub acronym: String,
    pub kind: OrganisationKind,
    pub country: String,
    pub region: Region,
    pub website: String,
    pub description: String,
}

impl OrganisationInput {
    /// The form's fields filled with this organisation and the coalitions (their ids) it is in.
    pub fn to_form(&self, coalitions: &[i32]) -> FormValues {
        let mut f = FormValues::default();
        f.push("name", &self.name);
        f.push("slug", &self.slug);
        f.push("acronym", &self.acronym);
        f.push("kind", self.kind);
        f.push("country", &self.country);
        f.push("region", self.region);
        f.push("website", &self.website);
        f.push("description", &self.description);
        coalitions.iter().for_each(|c| f.push("coalitions", c));
        f
    }

    pub fn from_form(values: &FormValues) -> Result<Self, Vec<Invalid>> {
        let kind = parse_choice(values, "kind");
        let region = parse_choice(values, "region");
        match (kind, region) {
            (Ok(kind), Ok(region)) => {
                let input = OrganisationInput {
                    slug: values.get("slug").trim().to_string(),
                    name: values.get("name").trim().to_string(),
                    acronym: values.get("acronym").trim().to_string(),
                    kind,
                    country: values.get("country").trim().to_string(),
                    region,
                    website: values.get("website").trim().to_string(),
                    description: values.get("description").trim().to_string(),
                };
                input.validate().map(|()| input).map_err(|e| vec![e])
            }
            (kind, region) => Err([kind.err(), region.err()].into_iter().flatten().collect()),
        }
    }

    pub fn validate(&self) -> Result<(), Invalid> {
        check_slug(&self.slug)?;
        check_len("name", &self.name, 300, true)?;
        check_len("acronym", &self.acronym, 40, false)?;
        check_len("country", &self.country, 120, false)?;
        check_len("website", &self.website, 500, false)?;
        check_len("description", &self.description, 3000, false)?;
        if !self.website.is_empty() && !self.website.starts_with("https://") && !self.website.starts_with("http://") {
            return Err(Invalid::new("website", InvalidReason::UnknownValue(self.website.clone())));
        }
        Ok(())
    }
}

/// What is entered for a position (its signatories and demands are edited separately).
#[derive(Debug, Clone, PartialEq)]
pub struct PositionFields {
    pub slug: String,
    pub title: String,
    /// `None` when no source dates it (an undated statement keeps no invented date).
    pub published: Option<DateSpan>,
    /// What it addresses.
    pub addresses: Addresses,
    /// Who it is addressed to: required for `Other`, empty otherwise.
    pub addressee: String,
    /// The draft (its slug) it responds to: only for a position addressing the negotiation.
    pub responds_to: Option<String>,
    pub summary: String,
    /// The source document's slug, if any.
    pub source: Option<String>,
    pub source_locator: String,
    /// The consultation (its slug) where the position was presented, if any.
    pub presented_at: Option<String>,
}

/// The date as entered; empty means "not known".
fn parse_published(values: &FormValues) -> Result<Option<DateSpan>, Invalid> {
    let raw = values.get("published_on").trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| Invalid::new("published_on", InvalidReason::NotADate(raw.to_string())))?;
    let precision: DatePrecision = parse_choice(values, "precision")?;
    DateSpan::containing(date, precision)
        .map(Some)
        .map_err(|_| Invalid::new("published_on", InvalidReason::BadDateSpan))
}

fn optional(values: &FormValues, field: &str) -> Option<String> {
    Some(values.get(field).trim().to_string()).filter(|s| !s.is_empty())
}

impl PositionFields {
    /// The form's fields filled with this position (an unknown date leaves the date empty).
    pub fn to_form(&self) -> FormValues {
        let mut f = FormValues::default();
        f.push("title", &self.title);
        f.push("slug", &self.slug);
        f.push("published_on", self.published.map(|s| s.start.to_string()).unwrap_or_default());
        f.push("precision", self.published.map_or(DatePrecision::Day, |s| s.precision));
        f.push("addresses", self.addresses);
        f.push("addressee", &self.addressee);
        f.push("responds_to", self.responds_to.clone().unwrap_or_default());
        f.push("summary", &self.summary);
        f.push("source", self.source.clone().unwrap_or_default());
        f.push("source_locator", &self.source_locator);
        f.push("presented_at", self.presented_at.clone().unwrap_or_default());
        f
    }

    /// A new position's form: dated to the day, addressing the negotiation.
    pub fn new_form() -> FormValues {
        FormValues::of(&[("precision", "day"), ("addresses", "negotiation")])
    }

    pub fn from_form(values: &FormValues) -> Result<Self, Vec<Invalid>> {
        let mut errors = Vec::new();
        let published = parse_published(values).map_err(|e| errors.push(e)).ok().flatten();
        let addresses = if values.get("addresses").trim().is_empty() {
            Addresses::Negotiation
        } else {
            parse_choice::<Addresses>(values, "addresses").map_err(|e| errors.push(e)).unwrap_or(Addresses::Negotiation)
        };
        let fields = PositionFields {
            slug: values.get("slug").trim().to_string(),
            title: values.get("title").trim().to_string(),
            published,
            addresses,
            addressee: values.get("addressee").trim().to_string(),
            responds_to: optional(values, "responds_to"),
            summary: values.get("summary").trim().to_string(),
            source: optional(values, "source"),
            source_locator: values.get("source_locator").trim().to_string(),
            presented_at: optional(values, "presented_at"),
        };
        errors.extend(fields.check());
        if errors.is_empty() {
            Ok(fields)
        } else {
            Err(errors)
        }
    }

    /// Every field's problem, the addressing rules included: an addressee is named for
    /// "other" and only there; only a position addressing the negotiation responds to a draft.
    pub fn check(&self) -> Vec<Invalid> {
        let mut errors: Vec<Invalid> = [
            check_slug(&self.slug),
            check_len("title", &self.title, 300, true),
            check_len("summary", &self.summary, 3000, false),
            check_len("source_locator", &self.source_locator, 500, false),
            check_len("addressee", &self.addressee, 200, self.addresses == Addresses::Other),
        ]
        .into_iter()
        .filter_map(Result::err)
        .collect();
        if self.responds_to.is_some() && self.addresses != Addresses::Negotiation {
            errors.push(Invalid::new("responds_to", InvalidReason::OnlyForNegotiation));
        }
        errors
    }
}

/// What is entered for a demand: its text, a short quote from the source, and its stance on
/// each element it addresses.
#[derive(Debug, Clone, PartialEq)]
pub struct DemandFields {
    pub slug: String,
    pub text: String,
    pub quote: String,
    pub elements: Vec<(ElementLetter, Stance)>,
}

impl DemandFields {
    /// The form's fields filled with this demand (`stance_{letter}` for each element it addresses).
    pub fn to_form(&self) -> FormValues {
        let mut f = FormValues::default();
        f.push("slug", &self.slug);
        f.push("text", &self.text);
        f.push("quote", &self.quote);
        self.elements.iter().for_each(|(l, s)| f.push(&format!("stance_{l}"), s));
        f
    }

    /// Reads `stance_a` … `stance_x` ("" for an element the demand does not address).
    pub fn from_form(values: &FormValues) -> Result<Self, Vec<Invalid>> {
        let mut errors = Vec::new();
        let mut elements = Vec::new();
        for letter in ElementLetter::all() {
            let raw = values.get(&format!("stance_{letter}")).trim();
            if raw.is_empty() {
                continue;
            }
            match raw.parse::<Stance>() {
                Ok(stance) => elements.push((letter, stance)),
                Err(_) => errors.push(Invalid::new("elements", InvalidReason::UnknownValue(raw.to_string()))),
            }
        }
        if elements.is_empty() && errors.is_empty() {
            errors.push(Invalid::new("elements", InvalidReason::Required));
        }
        let fields = DemandFields {
            slug: values.get("slug").trim().to_string(),
            text: values.get("text").trim().to_string(),
            quote: values.get("quote").trim().to_string(),
            elements,
        };
        errors.extend(
            [
                check_slug(&fields.slug),
                check_len("text", &fields.text, 1000, true),
                check_len("quote", &fields.quote, 300, false),
            ]
            .into_iter()
            .filter_map(Result::err),
        );
        if errors.is_empty() {
            Ok(fields)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> FormValues {
        FormValues(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    #[test]
    fn a_demand_needs_text_and_at_least_one_element() {
        let ok = DemandFields::from_form(&form(&[
            ("slug", "d-1"),
            ("text", "Firewall"),
            ("stance_i", "advance"),
            ("stance_s", "limit"),
        ]))
        .expect("valid");
        assert_eq!(ok.elements.len(), 2);
        let errors = DemandFields::from_form(&form(&[("slug", "d-1"), ("text", " ")])).expect_err("invalid");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["elements", "text"]);
        let bad =
            DemandFields::from_form(&form(&[("slug", "d-1"), ("text", "x"), ("stance_a", "maybe")])).expect_err("bad");
        assert_eq!(bad[0].reason, InvalidReason::UnknownValue("maybe".into()));
    }

    #[test]
    fn a_position_date_follows_its_precision() {
        let p = PositionFields::from_form(&form(&[
            ("slug", "p"),
            ("title", "T"),
            ("published_on", "2017-04-12"),
            ("precision", "month"),
        ]))
        .expect("valid");
        assert_eq!(p.published, Some(DateSpan::month(2017, 4).expect("span")));
        assert_eq!(p.addresses, Addresses::Negotiation, "a position addresses the negotiation unless told");
        let e = PositionFields::from_form(&form(&[
            ("slug", "p"),
            ("title", "T"),
            ("published_on", "12/04/2017"),
            ("precision", "day"),
        ]));
        assert_eq!(e.expect_err("bad")[0].field, "published_on");
    }

    #[test]
    fn an_undated_position_keeps_no_date_and_its_addressee_follows_what_it_addresses() {
        let undated = PositionFields::from_form(&form(&[("slug", "p"), ("title", "T"), ("precision", "day")]))
            .expect("an undated position is valid");
        assert_eq!(undated.published, None);
        let errors = PositionFields::from_form(&form(&[
            ("slug", "p"),
            ("title", "T"),
            ("addresses", "other"),
            ("responds_to", "zero-draft"),
        ]))
        .expect_err("no addressee, and a response to a draft from a position not addressing it");
        let fields: Vec<(&str, &InvalidReason)> = errors.iter().map(|e| (e.field.as_str(), &e.reason)).collect();
        assert_eq!(
            fields,
            [("addressee", &InvalidReason::Required), ("responds_to", &InvalidReason::OnlyForNegotiation)]
        );
        let other = PositionFields::from_form(&form(&[
            ("slug", "p"),
            ("title", "T"),
            ("addresses", "other"),
            ("addressee", "Government of Turkey"),
        ]))
        .expect("valid");
        assert_eq!((other.addresses, other.addressee.as_str()), (Addresses::Other, "Government of Turkey"));
        let bad = PositionFields::from_form(&form(&[("slug", "p"), ("title", "T"), ("addresses", "everyone")]));
        assert_eq!(bad.expect_err("unknown")[0].field, "addresses");
    }
}
