//! Notification emails, in the reader's language: one notification at once, or a day's in one
//! digest. Each line names what changed and links to it; every message ends with the link that
//! stops such emails (also in its `List-Unsubscribe` headers, see `Mailer::message`).
use app::i18n::{td_string, Locale};
use domain::entities::notification;
use domain::services::notifications::Emailed;
use domain::services::outbox::Mail;
use domain::types::{NoticeKind, Rating};

fn locale(code: &str) -> Locale {
    match code {
        "fr" => Locale::fr,
        "es" => Locale::es,
        _ => Locale::en,
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn rating_label(l: Locale, r: Rating) -> String {
    match r {
        Rating::Met => td_string!(l, scorecard.met).to_string(),
        Rating::PartlyMet => td_string!(l, scorecard.partly_met).to_string(),
        Rating::NotAddressed => td_string!(l, scorecard.not_addressed).to_string(),
        Rating::Contradicted => td_string!(l, scorecard.contradicted).to_string(),
    }
}

/// What one notification says, in one line.
pub fn line(l: Locale, n: &notification::Model) -> String {
    let (subject, detail) = (n.subject.clone(), n.detail.clone());
    match n.kind {
        NoticeKind::Rating => {
            let rating = n.rating.map(|r| rating_label(l, r)).unwrap_or_default();
            td_string!(l, mail.notice_rating, subject = subject, rating = rating, detail = detail).to_string()
        }
        NoticeKind::Published => td_string!(l, mail.notice_published, subject = subject, detail = detail).to_string(),
        NoticeKind::Rescheduled => {
            td_string!(l, mail.notice_rescheduled, subject = subject, detail = detail).to_string()
        }
        NoticeKind::NewDraft => td_string!(l, mail.notice_new_draft, subject = subject).to_string(),
        NoticeKind::Reply => td_string!(l, mail.notice_reply, subject = subject).to_string(),
    }
}

/// The email of `e`: a single notification, or a digest of several.
pub fn compose(public_url: &str, e: Emailed<'_>) -> Mail {
    let l = locale(&e.reader.language);
    let base = public_url.trim_end_matches('/');
    let digest =
        e.notifications.len() != 1 || e.notifications.iter().any(|n| n.delivery == domain::types::Delivery::Daily);
    let subject = match (digest, e.notifications.first()) {
        (false, Some(n)) => line(l, n),
        _ => td_string!(l, mail.digest_subject, count = e.notifications.len()).to_string(),
    };
    let intro = if digest { td_string!(l, mail.digest_intro) } else { td_string!(l, mail.notice_intro) }.to_string();
    let greeting = td_string!(l, mail.greeting, name = e.reader.name.clone()).to_string();
    let unsubscribe = format!("{base}/unsubscribe/{}", e.unsubscribe_token);
    let stop = if digest { td_string!(l, mail.stop_digest) } else { td_string!(l, mail.stop_kind) }.to_string();
    let settings = format!("{base}/notifications");
    let signature = td_string!(l, mail.signature).to_string();

    let mut text = format!("{greeting}\n\n{intro}\n\n");
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{l}\"><head><meta charset=\"utf-8\"><title>{}</title></head><body>\
         <p>{}</p><p>{}</p><ul>",
        escape(&subject),
        escape(&greeting),
        escape(&intro)
    );
    for n in e.notifications {
        let (what, link) = (line(l, n), format!("{base}{}", n.href));
        text.push_str(&format!("- {what}\n  {link}\n"));
        html.push_str(&format!("<li><a href=\"{}\">{}</a></li>", escape(&link), escape(&what)));
    }
    text.push_str(&format!("\n{stop}\n{unsubscribe}\n{settings}\n\n-- \n{signature}\n"));
    html.push_str(&format!(
        "</ul><p>{} <a href=\"{u}\">{u}</a></p><p><a href=\"{s}\">{s}</a></p><p>{}</p></body></html>",
        escape(&stop),
        escape(&signature),
        u = escape(&unsubscribe),
        s = escape(&settings),
    ));
    Mail { to: e.reader.email.clone(), subject, text, html, unsubscribe_url: Some(unsubscribe) }
}
