//! Compares two drafts section by section: sections are matched by kind and number (the
//! numbers drafts keep), unnumbered parts by their heading; a matched pair whose words differ
//! is "reworded", with the words added and removed marked (a word-level diff by `similar`).
use std::collections::{HashMap, HashSet};

use similar::{Algorithm, ChangeTag, TextDiff};

use crate::types::{ChangeTally, SectionChange, SectionComparison, SectionKind, SectionView, Segment};

type Key = (SectionKind, String);

fn key_of(s: &SectionView) -> Key {
    if s.number.is_empty() {
        (s.kind, format!("part:{}", s.heading))
    } else {
        (s.kind, s.number.clone())
    }
}

/// What the tracker holds of a draft: its full text, or only the sections known for it (the
/// built-in drafts: every objective, titles where a source gives them, the paragraphs cited).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    FullText,
    KnownSections,
}

/// Compares `from` with `to`, in the order of `to`, each removed section placed after the
/// section it followed in `from`. Where a draft's text is not held, what it does not show is
/// unknown, not absent: a paragraph missing from it, or a section whose wording it does not
/// hold, is "not held" rather than added, removed or reworded. Its objectives are complete
/// (a draft's objective count is known), so an objective missing from it was added or removed.
pub fn compare(from: &[SectionView], to: &[SectionView], held: (Held, Held)) -> (ChangeTally, Vec<SectionComparison>) {
    let to_keys: HashSet<Key> = to.iter().map(key_of).collect();
    let from_at: HashMap<Key, usize> = from.iter().enumerate().map(|(i, s)| (key_of(s), i)).collect();
    let mut out = Vec::with_capacity(to.len().max(from.len()));
    let mut tally = ChangeTally::default();
    let mut next_from = 0;
    let mut push = |c: SectionComparison, tally: &mut ChangeTally| {
        match c.change {
            SectionChange::Added => tally.added += 1,
            SectionChange::Removed => tally.removed += 1,
            SectionChange::Reworded => tally.reworded += 1,
            SectionChange::Unchanged => tally.unchanged += 1,
            SectionChange::NotHeld => tally.not_held += 1,
        }
        out.push(c);
    };
    let missing = |s: &SectionView, side: Held, change: SectionChange| {
        if side == Held::KnownSections && s.kind != SectionKind::Objective {
            one_sided(s, SectionChange::NotHeld)
        } else {
            one_sided(s, change)
        }
    };
    for t in to {
        match from_at.get(&key_of(t)) {
            Some(&j) => {
                while next_from <= j {
                    let f = &from[next_from];
                    if !to_keys.contains(&key_of(f)) {
                        push(missing(f, held.1, SectionChange::Removed), &mut tally);
                    }
                    next_from += 1;
                }
                push(pair(&from[j], t), &mut tally);
            }
            None => push(missing(t, held.0, SectionChange::Added), &mut tally),
        }
    }
    for f in &from[next_from.min(from.len())..] {
        if !to_keys.contains(&key_of(f)) {
            push(missing(f, held.1, SectionChange::Removed), &mut tally);
        }
    }
    (tally, out)
}

fn one_sided(s: &SectionView, change: SectionChange) -> SectionComparison {
    let wrap = |text: &str| -> Vec<Segment> {
        if text.is_empty() {
            Vec::new()
        } else if change == SectionChange::NotHeld {
            vec![Segment::Same(text.to_string())]
        } else if change == SectionChange::Added {
            vec![Segment::Added(text.to_string())]
        } else {
            vec![Segment::Removed(text.to_string())]
        }
    };
    SectionComparison { kind: s.kind, number: s.number.clone(), change, heading: wrap(&s.heading), body: wrap(&s.body) }
}

fn pair(from: &SectionView, to: &SectionView) -> SectionComparison {
    let unheld = |s: &SectionView| s.heading.is_empty() && s.body.is_empty();
    if unheld(from) || unheld(to) {
        let known = if unheld(to) { from } else { to };
        return SectionComparison {
            kind: to.kind,
            number: to.number.clone(),
            change: SectionChange::NotHeld,
            heading: words(&known.heading, &known.heading),
            body: words(&known.body, &known.body),
        };
    }
    let same = from.heading == to.heading && from.body == to.body;
    SectionComparison {
        kind: to.kind,
        number: to.number.clone(),
        change: if same { SectionChange::Unchanged } else { SectionChange::Reworded },
        heading: words(&from.heading, &to.heading),
        body: words(&from.body, &to.body),
    }
}

/// The word-level difference of two texts, as runs of same, removed and added text.
pub fn words(old: &str, new: &str) -> Vec<Segment> {
    if old == new {
        return if new.is_empty() { Vec::new() } else { vec![Segment::Same(new.to_string())] };
    }
    let diff = TextDiff::configure().algorithm(Algorithm::Patience).diff_words(old, new);
    let mut out: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        match (change.tag(), out.last_mut()) {
            (ChangeTag::Equal, Some(Segment::Same(s)))
            | (ChangeTag::Insert, Some(Segment::Added(s)))
            | (ChangeTag::Delete, Some(Segment::Removed(s))) => s.push_str(text),
            (ChangeTag::Equal, _) => out.push(Segment::Same(text.to_string())),
            (ChangeTag::Insert, _) => out.push(Segment::Added(text.to_string())),
            (ChangeTag::Delete, _) => out.push(Segment::Removed(text.to_string())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(kind: SectionKind, number: &str, heading: &str, body: &str) -> SectionView {
        SectionView {
            kind,
            number: number.into(),
            key: crate::draft_text::section_key(kind, number),
            heading: heading.into(),
            body: body.into(),
            parent: None,
            source_url: String::new(),
        }
    }

    fn text_of(segments: &[Segment], pick: fn(&Segment) -> Option<&str>) -> String {
        segments.iter().filter_map(pick).collect()
    }

    #[test]
    fn added_removed_reworded_and_unchanged_sections() {
        use SectionKind::*;
        let from = vec![
            section(Objective, "1", "Collect data", ""),
            section(Paragraph, "17", "", "We commit to strengthen the evidence base."),
            section(Paragraph, "18", "", "A paragraph dropped later."),
            section(Objective, "2", "Minimize drivers", ""),
        ];
        let to = vec![
            section(Objective, "1", "Collect data", ""),
            section(Paragraph, "17", "", "We commit to strengthen the global evidence base."),
            section(Objective, "2", "Minimize drivers", ""),
            section(Objective, "23", "Strengthen international cooperation", ""),
        ];
        let (tally, sections) = compare(&from, &to, (Held::FullText, Held::FullText));
        assert_eq!(tally, ChangeTally { added: 1, removed: 1, reworded: 1, unchanged: 2, not_held: 0 });
        let order: Vec<(SectionKind, &str, SectionChange)> =
            sections.iter().map(|s| (s.kind, s.number.as_str(), s.change)).collect();
        assert_eq!(
            order,
            [
                (Objective, "1", SectionChange::Unchanged),
                (Paragraph, "17", SectionChange::Reworded),
                (Paragraph, "18", SectionChange::Removed),
                (Objective, "2", SectionChange::Unchanged),
                (Objective, "23", SectionChange::Added),
            ]
        );
        let reworded = &sections[1].body;
        assert_eq!(text_of(reworded, |s| if let Segment::Added(t) = s { Some(t) } else { None }).trim(), "global");
        assert_eq!(text_of(reworded, |s| if let Segment::Removed(_) = s { Some("x") } else { None }), "");
    }

    #[test]
    fn word_level_runs_rebuild_both_texts() {
        let old = "States should end child detention and use alternatives.";
        let new = "States should work to end the practice of child detention.";
        let segs = words(old, new);
        let rebuilt_old: String = segs
            .iter()
            .filter_map(|s| match s {
                Segment::Same(t) | Segment::Removed(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        let rebuilt_new: String = segs
            .iter()
            .filter_map(|s| match s {
                Segment::Same(t) | Segment::Added(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(rebuilt_old, old);
        assert_eq!(rebuilt_new, new);
        assert!(segs.iter().any(|s| matches!(s, Segment::Added(t) if t.contains("practice"))));
    }

    #[test]
    fn comparing_a_draft_with_itself_changes_nothing() {
        let d = vec![
            section(SectionKind::Objective, "1", "A", "b c"),
            section(SectionKind::Other, "", "Implementation", ""),
        ];
        let (tally, _) = compare(&d, &d, (Held::FullText, Held::FullText));
        assert_eq!(tally, ChangeTally { unchanged: 2, ..Default::default() });
    }

    #[test]
    fn what_a_draft_without_text_does_not_show_is_unknown_not_changed() {
        use SectionKind::*;
        // the zero draft as the tracker knows it: objective 21's title, objective 13 untitled
        let zero = vec![
            section(Objective, "13", "", ""),
            section(Objective, "21", "Cooperate in facilitating dignified and sustainable return", ""),
        ];
        let agreed = vec![
            section(Objective, "13", "Use migration detention only as a measure of last resort", ""),
            section(Paragraph, "29", "", ""),
            section(Objective, "21", "Cooperate in facilitating safe and dignified return", ""),
            section(Objective, "23", "Strengthen international cooperation", ""),
        ];
        let (tally, sections) = compare(&zero, &agreed, (Held::KnownSections, Held::KnownSections));
        let changes: Vec<(&str, SectionChange)> = sections.iter().map(|s| (s.number.as_str(), s.change)).collect();
        assert_eq!(
            changes,
            [
                ("13", SectionChange::NotHeld),
                ("29", SectionChange::NotHeld),
                ("21", SectionChange::Reworded),
                ("23", SectionChange::Added),
            ]
        );
        assert_eq!(tally, ChangeTally { added: 1, reworded: 1, not_held: 2, ..Default::default() });
    }
}
