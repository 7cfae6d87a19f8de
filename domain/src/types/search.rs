//! The search: what a reader asks (`/search?q=` and its filters), the words of the query as
//! the engines are given them, and the results with their matching words marked.
//!
//! A query is words, `"quoted phrases"`, `-excluded` words and `or` between two terms, as
//! people type them into search boxes. Whatever is typed is read as such: an unbalanced quote
//! ends at the end of the query, and every other character is part of a word or a separator,
//! so no query is an error except one longer than [`SEARCH_MAX_CHARS`].
use serde::{Deserialize, Serialize};

use super::enums::SearchKind;
use super::filters::ElementLetter;
use super::scorecard_query::{choice, page_number, slug};
use super::validation::{Invalid, InvalidReason};

/// Results per page.
pub const SEARCH_PER_PAGE: u32 = 20;
/// The longest query read, in characters.
pub const SEARCH_MAX_CHARS: usize = 200;
/// Terms beyond this many are ignored (a query of 200 characters holds at most 100).
const MAX_TERMS: usize = 24;

/// The search's parameters as they arrive; empty means "all".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchQuery {
    /// The words to look for.
    pub q: Option<String>,
    /// Only results of this kind.
    pub kind: Option<String>,
    /// Only the demands mapped to this element (a letter, a to x) and the consultations on it.
    pub element: Option<String>,
    /// Only this organisation (its slug) and its positions, demands and their comments.
    pub organisation: Option<String>,
    /// Only this draft's sections and documented changes (its slug), and positions responding to it.
    pub draft: Option<String>,
    /// From 1.
    pub page: Option<String>,
}

/// The search once validated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchFilter {
    /// The query as typed, trimmed.
    pub text: String,
    pub kind: Option<SearchKind>,
    pub element: Option<ElementLetter>,
    pub organisation: Option<String>,
    pub draft: Option<String>,
    pub page: u32,
}

impl SearchQuery {
    pub fn parse(&self) -> Result<SearchFilter, Invalid> {
        let text = self.q.as_deref().unwrap_or_default().trim().to_string();
        if text.chars().count() > SEARCH_MAX_CHARS {
            return Err(Invalid::new("q", InvalidReason::TooLong { max: SEARCH_MAX_CHARS }));
        }
        Ok(SearchFilter {
            text,
            kind: choice("kind", &self.kind)?,
            element: choice("element", &self.element)?,
            organisation: slug("organisation", &self.organisation)?,
            draft: slug("draft", &self.draft)?,
            page: page_number(self.page.as_deref())?,
        })
    }
}

impl SearchFilter {
    pub fn offset(&self) -> u64 {
        u64::from(self.page.saturating_sub(1)) * u64::from(SEARCH_PER_PAGE)
    }

    pub fn terms(&self) -> Vec<Term> {
        terms(&self.text)
    }

    /// The query string of this search, without its page (for the pager and the filters' links).
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut q = vec![("q", self.text.clone())];
        if let Some(k) = self.kind {
            q.push(("kind", k.to_string()));
        }
        if let Some(e) = self.element {
            q.push(("element", e.to_string()));
        }
        if let Some(o) = &self.organisation {
            q.push(("organisation", o.clone()));
        }
        if let Some(d) = &self.draft {
            q.push(("draft", d.clone()));
        }
        q
    }
}

/// One term of a query: a word, or the words of a quoted phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub words: Vec<String>,
    /// `-word`: results must not hold it.
    pub excluded: bool,
    /// `a or b`: this term is an alternative to the one before.
    pub or_previous: bool,
}

/// The words of a query: letters and digits (any script) make words; quotes make phrases; a
/// leading `-` excludes; `or` (any case) between two terms offers either. Everything else
/// separates words.
pub fn terms(text: &str) -> Vec<Term> {
    let mut out: Vec<Term> = Vec::new();
    let mut chars = text.chars().peekable();
    let mut or_next = false;
    while out.len() < MAX_TERMS {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let Some(&c) = chars.peek() else { break };
        let mut excluded = false;
        if c == '-' {
            excluded = true;
            chars.next();
        }
        let words = if chars.peek() == Some(&'"') {
            chars.next();
            let mut phrase = String::new();
            for c in chars.by_ref() {
                if c == '"' {
                    break;
                }
                phrase.push(c);
            }
            words_of(&phrase)
        } else {
            let mut token = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '"' {
                    break;
                }
                token.push(c);
                chars.next();
            }
            if !excluded && token.eq_ignore_ascii_case("or") && !out.is_empty() {
                or_next = true;
                continue;
            }
            words_of(&token)
        };
        if words.is_empty() {
            continue;
        }
        out.push(Term { words, excluded, or_previous: std::mem::take(&mut or_next) && !excluded });
    }
    out
}

fn words_of(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// The terms as an FTS5 query (SQLite), or `None` when nothing is looked for (no term, or
/// only excluded ones). Every word is quoted, so no character of the query is an operator.
pub fn fts5_expression(terms: &[Term]) -> Option<String> {
    let quoted = |t: &Term| format!("\"{}\"", t.words.join(" "));
    let mut groups: Vec<Vec<String>> = Vec::new();
    for t in terms.iter().filter(|t| !t.excluded) {
        match groups.last_mut() {
            Some(g) if t.or_previous => g.push(quoted(t)),
            _ => groups.push(vec![quoted(t)]),
        }
    }
    if groups.is_empty() {
        return None;
    }
    let mut expr = groups
        .iter()
        .map(|g| if g.len() == 1 { g[0].clone() } else { format!("({})", g.join(" OR ")) })
        .collect::<Vec<_>>()
        .join(" AND ");
    for t in terms.iter().filter(|t| t.excluded) {
        expr = format!("({expr}) NOT {}", quoted(t));
    }
    Some(expr)
}

/// The terms as PostgreSQL's `websearch_to_tsquery` reads them (quotes, `or`, `-`), with every
/// other character gone; `None` when nothing is looked for.
pub fn websearch_text(terms: &[Term]) -> Option<String> {
    if terms.iter().all(|t| t.excluded) {
        return None;
    }
    let parts: Vec<String> = terms
        .iter()
        .map(|t| {
            let words = if t.words.len() > 1 { format!("\"{}\"", t.words.join(" ")) } else { t.words.join(" ") };
            match (t.excluded, t.or_previous) {
                (true, _) => format!("-{words}"),
                (false, true) => format!("or {words}"),
                (false, false) => words,
            }
        })
        .collect();
    Some(parts.join(" "))
}

/// Where a highlighted match starts and ends in the text the engines return.
pub const MARK_START: char = '\u{E000}';
pub const MARK_END: char = '\u{E001}';

/// A piece of a result's text: a matching word or the text around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Fragment {
    pub text: String,
    /// Whether it matches the query.
    pub matched: bool,
}

/// Splits an engine's highlighted text into fragments.
pub fn fragments(marked: &str) -> Vec<Fragment> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut matched = false;
    let flush = |text: &mut String, matched: bool, out: &mut Vec<Fragment>| {
        if !text.is_empty() {
            out.push(Fragment { text: std::mem::take(text), matched });
        }
    };
    for c in marked.chars() {
        match c {
            MARK_START => {
                flush(&mut current, matched, &mut out);
                matched = true;
            }
            MARK_END => {
                flush(&mut current, matched, &mut out);
                matched = false;
            }
            c => current.push(c),
        }
    }
    flush(&mut current, matched, &mut out);
    out
}

/// One result: what it is, its title and address, where it belongs, and the text that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SearchHit {
    pub kind: SearchKind,
    /// Its name; for a demand or a comment, its position's title.
    pub title: String,
    /// The page showing it (with its anchor).
    pub href: String,
    /// The draft a section or a documented change belongs to.
    pub context: Option<String>,
    /// The matching passage, its matches marked.
    pub snippet: Vec<Fragment>,
}

/// At most this many of the newest matches are ranked (with a few hundred titled records,
/// organisations, positions, consultations and drafts' text, beside them): a search that
/// matches more says so, and a narrower one (a kind, an element, more words) reaches the others.
pub const SEARCH_RANKED: u32 = 1_000;

/// One page of results, the best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SearchResults {
    pub items: Vec<SearchHit>,
    /// From 1.
    pub page: u32,
    pub per_page: u32,
    /// The results ranked (at most a little over [`SEARCH_RANKED`]).
    pub total: u32,
    /// Whether more documents match than were ranked (only the newest were).
    pub more: bool,
}

impl SearchResults {
    pub fn empty(page: u32) -> Self {
        SearchResults { items: Vec::new(), page, per_page: SEARCH_PER_PAGE, total: 0, more: false }
    }

    pub fn pages(&self) -> u32 {
        self.total.div_ceil(self.per_page.max(1)).max(1)
    }
}

/// The search page: a page of results and what its filters offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchPage {
    pub results: SearchResults,
    /// The drafts to narrow to.
    pub drafts: Vec<super::drafts::DraftRef>,
    /// The organisation narrowed to, if any.
    pub organisation: Option<super::views::OrganisationRef>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fts(q: &str) -> Option<String> {
        fts5_expression(&terms(q))
    }

    #[test]
    fn words_phrases_exclusions_and_alternatives() {
        assert_eq!(fts("detention children"), Some("\"detention\" AND \"children\"".into()));
        assert_eq!(fts("\"firewall between\" services"), Some("\"firewall between\" AND \"services\"".into()));
        assert_eq!(fts("detention -children"), Some("(\"detention\") NOT \"children\"".into()));
        assert_eq!(fts("return OR readmission visas"), Some("(\"return\" OR \"readmission\") AND \"visas\"".into()));
        assert_eq!(websearch_text(&terms("a \"b c\" -d or e")), Some("a \"b c\" -d or e".into()));
    }

    #[test]
    fn no_query_is_an_error() {
        for q in ["\"", "\"unbalanced", "AND", "OR OR", "-", "*", "NEAR(", "(", "^", "a:b", "col:x", "\"\"\"", "-\"x"] {
            let t = terms(q);
            let e = fts5_expression(&t);
            if let Some(e) = &e {
                // every word is quoted, so an operator never reaches the engine bare
                assert!(!e.contains('*') && !e.contains(':') && !e.contains('^'), "{q} gave {e}");
            }
            assert_eq!(e.is_none(), websearch_text(&t).is_none(), "{q}");
        }
        assert_eq!(fts("OR OR"), Some("\"or\"".into()), "a leading or is a word");
        assert_eq!(fts("a:b"), Some("\"a b\"".into()));
        assert_eq!(fts("-only"), None, "nothing looked for");
        let long = "x ".repeat(5_000);
        assert!(terms(&long).len() <= MAX_TERMS);
    }

    #[test]
    fn long_queries_are_refused_by_name() {
        let q = SearchQuery { q: Some("a".repeat(10_000)), ..Default::default() };
        let e = q.parse().expect_err("too long");
        assert_eq!(e.field, "q");
        assert_eq!(e.reason, InvalidReason::TooLong { max: SEARCH_MAX_CHARS });
        let q = SearchQuery { q: Some(" détention ".into()), element: Some("i".into()), ..Default::default() };
        let f = q.parse().expect("valid");
        assert_eq!(f.text, "détention");
        assert_eq!(terms(&f.text)[0].words, vec!["détention".to_string()]);
    }

    #[test]
    fn marked_text_becomes_fragments() {
        let f = fragments("the \u{E000}detention\u{E001} of \u{E000}children\u{E001}");
        assert_eq!(f.len(), 4);
        assert!(f[1].matched && f[1].text == "detention" && !f[2].matched);
    }
}
