//! The search, on the built-in record: what it finds, in what order, what it keeps from whom,
//! that it follows every change in the change's transaction, and that no query breaks it.
mod common;

use common::builders::person;
use domain::audit::{Actor, Audit};
use domain::error::DomainError;
use domain::services::comment_limit::CommentLimit;
use domain::services::comments::{self, NewComment};
use domain::services::{demands, organisations, position_editing, search};
use domain::types::{
    DateSpan, DemandFields, ElementLetter, OrganisationInput, OrganisationKind, PositionFields, PositionStatus, Region,
    Role, SearchFilter, SearchKind, SearchQuery, SearchResults, Stance, SEARCH_RANKED,
};

fn filter(q: &str) -> SearchFilter {
    SearchQuery { q: Some(q.into()), ..Default::default() }.parse().expect("a valid query")
}

async fn find(t: &common::TestDb, actor: &Actor, f: &SearchFilter) -> SearchResults {
    search::search(&t.db, actor, f).await.expect("the search answers")
}

fn hrefs(p: &SearchResults) -> Vec<&str> {
    p.items.iter().map(|h| h.href.as_str()).collect()
}

#[tokio::test]
async fn finds_a_demand_by_a_word_of_its_text_with_the_word_marked() {
    let t = common::seeded().await;
    let found = find(&t, &Actor::Anonymous, &filter("firewalls")).await;
    let hit = found
        .items
        .iter()
        .find(|h| h.href.ends_with("#coalition-hrc-firewalls"))
        .unwrap_or_else(|| panic!("the firewalls demand among {:?}", hrefs(&found)));
    assert_eq!(hit.kind, SearchKind::Demand);
    assert!(hit.href.starts_with("/positions/"), "{}", hit.href);
    assert_eq!(hit.href, "/positions/coalition-hrc34-statement-2017#coalition-hrc-firewalls");
    assert_eq!(
        hit.title, "Statement to the Human Rights Council on migrants in large movements",
        "titled by its position"
    );
    let marked: Vec<&str> = hit.snippet.iter().filter(|f| f.matched).map(|f| f.text.as_str()).collect();
    assert!(marked.iter().any(|w| w.eq_ignore_ascii_case("firewalls")), "marked: {marked:?}");
    // English stems: the singular finds the plural.
    let singular = find(&t, &Actor::Anonymous, &filter("firewall")).await;
    assert!(hrefs(&singular).iter().any(|h| h.ends_with("#coalition-hrc-firewalls")));
}

#[tokio::test]
async fn phrases_exclusions_and_alternatives_narrow_and_widen() {
    let t = common::seeded().await;
    let a = Actor::Anonymous;
    let detention = find(&t, &a, &filter("detention")).await.total;
    let child = find(&t, &a, &filter("\"child detention\"")).await.total;
    let without = find(&t, &a, &filter("detention -child")).await.total;
    let either = find(&t, &a, &filter("detention or firewalls")).await.total;
    assert!(detention > 0 && child > 0, "detention {detention}, \"child detention\" {child}");
    assert!(child < detention, "a phrase narrows: {child} < {detention}");
    assert!(without < detention, "an exclusion narrows: {without} < {detention}");
    assert!(either > detention, "an alternative widens: {either} > {detention}");
}

#[tokio::test]
async fn no_query_breaks_it() {
    let t = common::seeded().await;
    let long = "detention ".repeat(20);
    for q in [
        "\"",
        "\"unbalanced",
        "AND",
        "OR OR",
        "NOT",
        "-",
        "*",
        "NEAR(a b)",
        "(",
        ")",
        "^a",
        "title:x",
        "a\"b",
        "' OR 1=1 --",
        "\u{E000}",
        "-detention",
        "",
        &long[..190],
    ] {
        let f = filter(q);
        let r = search::search(&t.db, &Actor::Anonymous, &f).await;
        assert!(r.is_ok(), "{q:?}: {r:?}");
    }
    let too_long = SearchQuery { q: Some("a".repeat(10_000)), ..Default::default() }.parse();
    assert!(too_long.is_err(), "10,000 characters are refused by name, not searched");
}

#[tokio::test]
async fn filters_by_kind_element_organisation_and_draft() {
    let t = common::seeded().await;
    let a = Actor::Anonymous;
    let mut f = filter("detention");
    f.kind = Some(SearchKind::Demand);
    let demands_only = find(&t, &a, &f).await;
    assert!(demands_only.total > 0 && demands_only.items.iter().all(|h| h.kind == SearchKind::Demand));

    let mut f = filter("detention");
    f.element = Some(ElementLetter::new('i').expect("i"));
    let on_i = find(&t, &a, &f).await;
    assert!(hrefs(&on_i).iter().any(|h| h.ends_with("#idc-zd-strengthen-detention")), "{:?}", hrefs(&on_i));

    let mut f = filter("detention");
    f.organisation = Some("international-detention-coalition".into());
    let idc = find(&t, &a, &f).await;
    assert!(idc.total > 0, "the IDC's record speaks of detention");
    assert!(idc.total < find(&t, &a, &filter("detention")).await.total);

    let mut f = filter("migration");
    f.draft = Some("zero-draft".into());
    let zero = find(&t, &a, &f).await;
    assert!(zero
        .items
        .iter()
        .all(|h| matches!(h.kind, SearchKind::Section | SearchKind::Change | SearchKind::Position)));

    let mut f = filter("detention");
    f.organisation = Some("no-such-organisation".into());
    let missing = search::search(&t.db, &a, &f).await;
    assert!(matches!(missing, Err(DomainError::NotFound(_))), "{missing:?}");
}

#[tokio::test]
async fn pages_hold_distinct_results_in_rank_order() {
    let t = common::seeded().await;
    let a = Actor::Anonymous;
    let first = find(&t, &a, &filter("migrants")).await;
    assert!(first.total > 20, "enough for two pages: {}", first.total);
    assert_eq!(first.items.len(), 20);
    let mut f = filter("migrants");
    f.page = 2;
    let second = find(&t, &a, &f).await;
    assert!(!second.items.is_empty());
    for h in &second.items {
        assert!(!hrefs(&first).contains(&h.href.as_str()), "{} on both pages", h.href);
    }
    // A word in an organisation's name ranks the organisation first.
    let picum = find(&t, &a, &filter("PICUM")).await;
    assert_eq!(picum.items.first().map(|h| h.kind), Some(SearchKind::Organisation), "{:?}", hrefs(&picum));
}

#[tokio::test]
async fn every_change_is_found_at_once_and_the_old_words_are_gone() {
    let t = common::seeded().await;
    let coordinator = Audit::now(person(&t, "coordinator@example.org", Role::Coordinator, None).await);
    let input = OrganisationInput {
        slug: "zephyrine-collective".into(),
        name: "Zephyrine Collective".into(),
        acronym: String::new(),
        kind: OrganisationKind::MigrantLed,
        country: "Kenya".into(),
        region: Region::Africa,
        website: String::new(),
        description: "Works on Quarrelsome statelessness.".into(),
    };
    let id = organisations::create(&t.db, &coordinator, input.clone()).await.expect("created");
    let found = find(&t, &Actor::Anonymous, &filter("quarrelsome")).await;
    assert_eq!(hrefs(&found), vec!["/organisations/zephyrine-collective"]);
    let edited = OrganisationInput { description: "Works on Tranquil statelessness.".into(), ..input };
    organisations::update(&t.db, &coordinator, id, 1, edited, Vec::new()).await.expect("edited");
    assert_eq!(find(&t, &Actor::Anonymous, &filter("quarrelsome")).await.total, 0, "the old word is gone");
    assert_eq!(find(&t, &Actor::Anonymous, &filter("tranquil")).await.total, 1);
}

#[tokio::test]
async fn drafts_and_hidden_comments_are_found_only_by_who_may_read_them() {
    let t = common::seeded().await;
    let own = person(&t, "own@example.org", Role::Member, Some("picum")).await;
    let other = person(&t, "other@example.org", Role::Member, Some("global-coalition-on-migration")).await;
    let coordinator = person(&t, "coordinator@example.org", Role::Coordinator, None).await;
    let fields = PositionFields {
        slug: "picum-hushed-draft".into(),
        title: "Quillfeather position".into(),
        published: Some(DateSpan::month(2018, 3).expect("span")),
        addresses: domain::types::Addresses::Negotiation,
        addressee: String::new(),
        responds_to: None,
        summary: "Still argued over.".into(),
        source: None,
        source_locator: String::new(),
        presented_at: None,
    };
    let own_audit = Audit::now(own.clone());
    let position = position_editing::create_unpublished(&t.db, &own_audit, "picum", fields).await.expect("draft");
    let demand = DemandFields {
        slug: "picum-hushed-draft-1".into(),
        text: "Marrowlight firewalls.".into(),
        quote: String::new(),
        elements: vec![(ElementLetter::new('i').expect("i"), Stance::Advance)],
    };
    demands::create(&t.db, &own_audit, &position, demand).await.expect("demand");
    let new = NewComment {
        position_slug: "coalition-faq-2017-asks".into(),
        demand_slug: None,
        parent_id: None,
        body: "Off topic: Emberfrost.".into(),
    };
    let comment = comments::post(&t.db, &own_audit, CommentLimit::DEFAULT, new).await.expect("comment");
    assert_eq!(find(&t, &Actor::Anonymous, &filter("emberfrost")).await.total, 1, "a visible comment is found");
    comments::hide(&t.db, &Audit::now(coordinator.clone()), comment, "off topic").await.expect("hidden");

    let readers = [
        ("the public", Actor::Anonymous, false, false),
        ("a member of another organisation", other, false, false),
        ("a member of the drafting organisation", own, true, false),
        ("a coordinator", coordinator.clone(), true, true),
    ];
    for (who, actor, reads_draft, reads_hidden) in readers {
        for word in ["quillfeather", "marrowlight"] {
            let n = find(&t, &actor, &filter(word)).await.total;
            assert_eq!(n == 1, reads_draft, "{who} searching {word} found {n}");
            let mut kind = filter(word);
            kind.kind = Some(if word == "quillfeather" { SearchKind::Position } else { SearchKind::Demand });
            assert_eq!(find(&t, &actor, &kind).await.total == 1, reads_draft, "{who}, {word}, by kind");
        }
        let mut by_org = filter("marrowlight");
        by_org.organisation = Some("picum".into());
        assert_eq!(find(&t, &actor, &by_org).await.total == 1, reads_draft, "{who}, by organisation");
        let hidden = find(&t, &actor, &filter("emberfrost")).await.total;
        assert_eq!(hidden == 1, reads_hidden, "{who} searching the hidden comment found {hidden}");
    }
    comments::delete(&t.db, &own_audit, comment, 2).await.ok();

    // The index follows what its narrowing and reading rest on, in the change's transaction:
    // a demand mapped elsewhere moves with its mapping; a position published is found by all,
    // and taken back to draft, by its own again.
    let on = |letter: char| {
        let mut f = filter("marrowlight");
        f.element = Some(ElementLetter::new(letter).expect("an element letter"));
        f
    };
    let coordinating = Audit::now(coordinator.clone());
    assert_eq!(find(&t, &coordinator, &on('i')).await.total, 1, "mapped to (i)");
    let stored = demands::stored(&t.db, "picum-hushed-draft-1").await.expect("the demand");
    let mut remapped = stored.fields.clone();
    remapped.elements = vec![(ElementLetter::new('j').expect("j"), Stance::Advance)];
    demands::update(&t.db, &coordinating, "picum-hushed-draft-1", stored.version, remapped).await.expect("remapped");
    assert_eq!(find(&t, &coordinator, &on('i')).await.total, 0, "no longer under (i)");
    assert_eq!(find(&t, &coordinator, &on('j')).await.total, 1, "now under (j)");
    assert_eq!(find(&t, &Actor::Anonymous, &on('j')).await.total, 0, "still a draft");
    for (status, public) in [(PositionStatus::Published, 1), (PositionStatus::Draft, 0)] {
        let p = position_editing::stored(&t.db, "picum-hushed-draft").await.expect("the position");
        position_editing::set_status(&t.db, &coordinating, "picum-hushed-draft", p.version, status)
            .await
            .expect("status set");
        for word in ["quillfeather", "marrowlight"] {
            assert_eq!(
                find(&t, &Actor::Anonymous, &filter(word)).await.total,
                public,
                "{status:?}: the public, {word}"
            );
        }
        assert_eq!(find(&t, &Actor::Anonymous, &on('j')).await.total, public, "{status:?}: by element");
    }
}

#[tokio::test]
async fn a_common_word_ranks_the_newest_matches_and_the_titles_and_says_there_are_more() {
    let t = common::seeded().await;
    // about 3,000 demands and as many comments, a third of them about migrants; organisations
    // named for migrant workers among the oldest documents
    domain::synthetic::generate(&t.db, domain::synthetic::Scale { organisations: 150, seed: 7 })
        .await
        .expect("a synthetic record");
    let first = find(&t, &Actor::Anonymous, &filter("migrants")).await;
    assert!(first.more, "more match than are ranked: {} ranked", first.total);
    assert!(first.total > SEARCH_RANKED && first.total <= SEARCH_RANKED + 1 + 300, "{}", first.total);
    assert_eq!(first.items.len(), 20);
    // every ranked result is reachable page by page, each once, and the organisations whose
    // name matches are among them although their documents are older than every demand
    let mut seen = std::collections::HashSet::new();
    let mut kinds = std::collections::HashSet::new();
    for page in 1..=first.pages() {
        let mut f = filter("migrants");
        f.page = page;
        for hit in find(&t, &Actor::Anonymous, &f).await.items {
            kinds.insert(hit.kind);
            assert!(seen.insert(hit.href.clone()), "{} twice", hit.href);
        }
    }
    assert_eq!(seen.len() as u32, first.total, "each ranked result on one page");
    assert!(kinds.contains(&SearchKind::Organisation), "titled documents ranked: {kinds:?}");
    // a word found less often is counted exactly
    let rare = find(&t, &Actor::Anonymous, &filter("marrakech")).await;
    assert!(rare.total > 0 && !rare.more, "{} found: {:?}", rare.total, hrefs(&rare));
}

#[tokio::test]
async fn old_and_new_matches_are_each_found_and_counted_once() {
    // PostgreSQL reads the newest matches a slice of the index at a time (the newest ids, then
    // older ones): a word on documents of every age is found in each, none of them twice.
    let t = common::seeded().await;
    let member = person(&t, "tranches@example.org", Role::Member, Some("picum")).await;
    let before = every_hit(&t, "firewalls").await;
    assert!(before.iter().any(|h| h.ends_with("#coalition-hrc-firewalls")), "the built-in demand: {before:?}");
    for body in ["Firewalls first, again.", "The firewalls must hold."] {
        comment_on_faq(&t, &member, body).await;
    }
    let after = every_hit(&t, "firewalls").await;
    assert!(after.is_superset(&before), "every earlier match still found: {after:?}");
    let new: Vec<&String> = after.difference(&before).collect();
    assert_eq!(new.len(), 2, "the two new comments, and nothing else: {new:?}");
    assert!(new.iter().all(|h| h.contains("#comment-")), "{new:?}");
}

/// `member` comments on the built-in coalition's 2017 asks (a published position).
async fn comment_on_faq(t: &common::TestDb, member: &Actor, body: &str) {
    let new = NewComment {
        position_slug: "coalition-faq-2017-asks".into(),
        demand_slug: None,
        parent_id: None,
        body: body.into(),
    };
    comments::post(&t.db, &Audit::now(member.clone()), CommentLimit::DEFAULT, new).await.expect("comment");
}

/// Every result of `q` for the public, page after page, each address once (the count checked).
async fn every_hit(t: &common::TestDb, q: &str) -> std::collections::HashSet<String> {
    let first = find(t, &Actor::Anonymous, &filter(q)).await;
    assert!(!first.more, "{} found", first.total);
    let mut seen = std::collections::HashSet::new();
    for page in 1..=first.pages() {
        let mut f = filter(q);
        f.page = page;
        for hit in find(t, &Actor::Anonymous, &f).await.items {
            assert!(seen.insert(hit.href.clone()), "{} twice", hit.href);
        }
    }
    assert_eq!(seen.len() as u32, first.total, "each result counted once");
    seen
}

#[tokio::test]
async fn french_and_spanish_words_are_found_by_another_form() {
    let t = common::seeded().await;
    let member = person(&t, "membre@example.org", Role::Member, Some("picum")).await;
    for body in ["Les détentions arbitraires continuent.", "Las detenciones arbitrarias continúan."] {
        comment_on_faq(&t, &member, body).await;
    }
    // the singular, with or without its accent, finds the plural
    for (q, expected) in [("détention arbitraire", 1), ("detencion arbitraria", 1), ("detención", 1)] {
        let mut f = filter(q);
        f.kind = Some(SearchKind::Comment);
        let n = find(&t, &Actor::Anonymous, &f).await.total;
        assert_eq!(n, expected, "{q} on {}", t.backend);
    }
}
