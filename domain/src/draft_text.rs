//! Splits a draft's text (pasted or uploaded, Markdown or plain text) into the numbered
//! sections assessments cite, keeping the draft's own numbers.
//!
//! What it recognises, line by line:
//! - an objective: a line `Objective 13: Use migration detention ...` (Markdown heading marks,
//!   bold or italics around it are ignored; the separator may be `:`, `.`, `-` or a dash);
//! - a numbered paragraph: a line starting `29. ` (also `29\. `, as Markdown converters write
//!   it); the lines after it, up to the next section, are its body (lists `(a)`, `(b)` included);
//! - any other Markdown heading (`# Implementation`) starts an unnumbered part, which ends the
//!   objective before it: paragraphs after it belong to no objective.
//!
//! Text before the first section is kept as an unnumbered part. A draft with no objective and
//! no numbered paragraph, or with a number used twice, is refused with the line numbers.
use serde::{Deserialize, Serialize};

use crate::types::SectionKind;

/// The most text a draft may hold (the agreed compact is about 200,000 characters).
pub const MAX_TEXT_BYTES: usize = 1_000_000;
/// The most sections a draft may be split into.
pub const MAX_SECTIONS: usize = 5_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedSection {
    pub kind: SectionKind,
    /// The draft's own number ("13"); empty for unnumbered parts.
    pub number: String,
    pub heading: String,
    pub body: String,
    /// The index, in the returned list, of the objective a paragraph belongs to.
    pub parent: Option<usize>,
    /// The line (from 1) the section starts on.
    pub line: usize,
}

impl ParsedSection {
    /// The key assessments cite it by (`objective-13`, `paragraph-29`); none for parts.
    pub fn key(&self) -> Option<String> {
        section_key(self.kind, &self.number)
    }
}

/// The citation key of a numbered section.
pub fn section_key(kind: SectionKind, number: &str) -> Option<String> {
    match kind {
        SectionKind::Objective => Some(format!("objective-{number}")),
        SectionKind::Paragraph => Some(format!("paragraph-{number}")),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum SplitError {
    #[error("the text is empty")]
    Empty,
    #[error("the text is longer than {max} bytes")]
    TooLong { max: usize },
    #[error("no objective ('Objective 1: ...') and no numbered paragraph ('1. ...') was found")]
    NoSections,
    #[error("{kind:?} {number} appears twice: lines {first_line} and {line}")]
    Duplicate { kind: SectionKind, number: String, first_line: usize, line: usize },
    #[error("more than {max} sections")]
    TooManySections { max: usize },
}

/// Splits `text` into sections, or says why it cannot.
pub fn split(text: &str) -> Result<Vec<ParsedSection>, SplitError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(SplitError::TooLong { max: MAX_TEXT_BYTES });
    }
    if text.trim().is_empty() {
        return Err(SplitError::Empty);
    }
    let mut sections: Vec<ParsedSection> = Vec::new();
    let mut objective: Option<usize> = None;
    let mut seen: std::collections::HashMap<(SectionKind, String), usize> = std::collections::HashMap::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let start = match recognise(raw) {
            Line::Objective { number, heading } => {
                objective = Some(sections.len());
                Some(ParsedSection {
                    kind: SectionKind::Objective,
                    number,
                    heading,
                    body: String::new(),
                    parent: None,
                    line,
                })
            }
            Line::Paragraph { number, first } => Some(ParsedSection {
                kind: SectionKind::Paragraph,
                number,
                heading: String::new(),
                body: first,
                parent: objective,
                line,
            }),
            Line::Heading(heading) => {
                objective = None;
                Some(ParsedSection {
                    kind: SectionKind::Other,
                    number: String::new(),
                    heading,
                    body: String::new(),
                    parent: None,
                    line,
                })
            }
            Line::Text(content) => {
                match sections.last_mut() {
                    Some(current) => push_line(&mut current.body, content),
                    None if !content.is_empty() => sections.push(ParsedSection {
                        kind: SectionKind::Other,
                        number: String::new(),
                        heading: content.to_string(),
                        body: String::new(),
                        parent: None,
                        line,
                    }),
                    None => {}
                }
                None
            }
        };
        if let Some(section) = start {
            if !section.number.is_empty() {
                if let Some(first_line) = seen.insert((section.kind, section.number.clone()), line) {
                    return Err(SplitError::Duplicate { kind: section.kind, number: section.number, first_line, line });
                }
            }
            sections.push(section);
            if sections.len() > MAX_SECTIONS {
                return Err(SplitError::TooManySections { max: MAX_SECTIONS });
            }
        }
    }
    if seen.is_empty() {
        return Err(SplitError::NoSections);
    }
    for s in &mut sections {
        s.body = s.body.trim_end().to_string();
    }
    Ok(sections)
}

/// Appends a line to a body: blank lines become one paragraph break.
fn push_line(body: &mut String, content: &str) {
    if content.is_empty() {
        if !body.is_empty() && !body.ends_with("\n\n") {
            body.push_str("\n\n");
        }
        return;
    }
    if !body.is_empty() && !body.ends_with('\n') {
        body.push('\n');
    }
    body.push_str(content);
}

enum Line<'a> {
    Objective { number: String, heading: String },
    Paragraph { number: String, first: String },
    Heading(String),
    Text(&'a str),
}

fn recognise(raw: &str) -> Line<'_> {
    let trimmed = raw.trim();
    let heading_marks = trimmed.starts_with('#');
    let bare = strip_emphasis(trimmed.trim_start_matches('#').trim());
    if let Some((number, heading)) = objective_line(bare) {
        return Line::Objective { number, heading };
    }
    if heading_marks {
        if bare.is_empty() {
            return Line::Text("");
        }
        return Line::Heading(bare.to_string());
    }
    if let Some((number, first)) = paragraph_line(trimmed) {
        return Line::Paragraph { number, first };
    }
    Line::Text(trimmed)
}

fn strip_emphasis(s: &str) -> &str {
    s.trim_matches(|c| c == '*' || c == '_').trim()
}

/// `Objective 13: Title` (any case), with `:`, `.`, `-`, `–`, `—` or nothing after the number.
fn objective_line(s: &str) -> Option<(String, String)> {
    let word = s.get(..9)?;
    if !word.eq_ignore_ascii_case("objective") {
        return None;
    }
    let rest = &s[9..];
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim_start();
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    let number = valid_number(&digits)?;
    let after = &rest[digits.len()..];
    if after.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let heading = after.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '.' | '-' | '\u{2013}' | '\u{2014}' | ')')
    });
    Some((number, strip_emphasis(heading).to_string()))
}

/// `29. Text` or `29\. Text`: the number and the rest of the line.
fn paragraph_line(s: &str) -> Option<(String, String)> {
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    let number = valid_number(&digits)?;
    let after = &s[digits.len()..];
    let after = after.strip_prefix("\\.").or_else(|| after.strip_prefix('.'))?;
    if !after.starts_with(char::is_whitespace) {
        return None;
    }
    Some((number, after.trim().to_string()))
}

/// A section number: 1 to 9999, written without leading zeros.
fn valid_number(digits: &str) -> Option<String> {
    if digits.is_empty() || digits.len() > 4 || digits.starts_with('0') {
        return None;
    }
    Some(digits.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# Global Compact for Safe, Orderly and Regular Migration

## Preamble

1. We, the Heads of State and Government, ...
continued on a second line.

2. This Global Compact rests on ...

## Objectives and commitments

### Objective 1: Collect and utilize accurate and disaggregated data

17. We commit to strengthen the global evidence base.

To realize this commitment, we will draw from the following actions:
(a) Elaborate and implement a comprehensive strategy

**Objective 2 - Minimize the adverse drivers**

18\\. We commit to create conducive political conditions.

# Implementation

40. For effective implementation ...
";

    #[test]
    fn splits_objectives_and_their_numbered_paragraphs() {
        let s = split(SAMPLE).expect("sections");
        let keys: Vec<String> = s.iter().filter_map(|x| x.key()).collect();
        assert_eq!(
            keys,
            [
                "paragraph-1",
                "paragraph-2",
                "objective-1",
                "paragraph-17",
                "objective-2",
                "paragraph-18",
                "paragraph-40"
            ]
        );
        let o1 = s.iter().position(|x| x.key().as_deref() == Some("objective-1")).expect("objective 1");
        assert_eq!(s[o1].heading, "Collect and utilize accurate and disaggregated data");
        let p17 = s.iter().find(|x| x.key().as_deref() == Some("paragraph-17")).expect("17");
        assert_eq!(p17.parent, Some(o1));
        assert!(p17.body.contains("(a) Elaborate"), "{:?}", p17.body);
        let o2 = s.iter().find(|x| x.key().as_deref() == Some("objective-2")).expect("2");
        assert_eq!(o2.heading, "Minimize the adverse drivers");
        let p40 = s.iter().find(|x| x.key().as_deref() == Some("paragraph-40")).expect("40");
        assert_eq!(p40.parent, None, "a heading ends the objective");
        let p1 = s.iter().find(|x| x.key().as_deref() == Some("paragraph-1")).expect("1");
        assert_eq!(p1.body, "We, the Heads of State and Government, ...\ncontinued on a second line.");
    }

    #[test]
    fn plain_text_objectives_without_markdown() {
        let s =
            split("OBJECTIVE 3. Provide accurate and timely information\n\n19. We commit to ...").expect("sections");
        assert_eq!(s[0].key().as_deref(), Some("objective-3"));
        assert_eq!(s[0].heading, "Provide accurate and timely information");
        assert_eq!(s[1].parent, Some(0));
    }

    #[test]
    fn text_without_sections_is_refused() {
        assert_eq!(split("   \n "), Err(SplitError::Empty));
        assert_eq!(split("Just some prose.\nNo numbers here.\n# A heading"), Err(SplitError::NoSections));
        assert_eq!(split("Objectives matter.\n2017 was a year."), Err(SplitError::NoSections));
    }

    #[test]
    fn duplicate_numbers_are_refused_with_both_lines() {
        let e = split("Objective 1: A\n\nObjective 1: B").expect_err("duplicate");
        assert_eq!(
            e,
            SplitError::Duplicate { kind: SectionKind::Objective, number: "1".into(), first_line: 1, line: 3 }
        );
        let e = split("1. a\n2. b\n1. c").expect_err("duplicate");
        assert!(matches!(e, SplitError::Duplicate { kind: SectionKind::Paragraph, line: 3, .. }));
    }

    #[test]
    fn numbers_and_words_that_only_look_like_sections() {
        let s = split("Objectives 1 to 3 below.\n1.5 million people\n01. zero\nObjective 4a: no\n5. yes").expect("one");
        let keys: Vec<String> = s.iter().filter_map(|x| x.key()).collect();
        assert_eq!(keys, ["paragraph-5"]);
    }

    #[test]
    fn oversized_text_is_refused() {
        let big = "1. x\n".repeat(MAX_TEXT_BYTES / 4);
        assert_eq!(split(&big), Err(SplitError::TooLong { max: MAX_TEXT_BYTES }));
    }
}
