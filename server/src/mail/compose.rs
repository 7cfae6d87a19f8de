//! The emails' words, in the recipient's language: each message as plain text and as HTML
//! (the same paragraphs; names and links escaped in the HTML).
use app::i18n::{td_string, Locale};
use domain::services::outbox::Mail;

/// A message of paragraphs and one link.
struct Letter {
    to: String,
    subject: String,
    greeting: String,
    before: String,
    link: String,
    after: Option<String>,
    signature: String,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

impl Letter {
    fn mail(self, lang: Locale) -> Mail {
        let mut text = format!("{}\n\n{}\n\n{}\n", self.greeting, self.before, self.link);
        let mut html = format!(
            "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{}</title></head><body>\
             <p>{}</p><p>{}</p><p><a href=\"{link}\">{link}</a></p>",
            escape(&self.subject),
            escape(&self.greeting),
            escape(&self.before),
            link = escape(&self.link),
        );
        if let Some(after) = &self.after {
            text.push_str(&format!("\n{after}\n"));
            html.push_str(&format!("<p>{}</p>", escape(after)));
        }
        text.push_str(&format!("\n-- \n{}\n", self.signature));
        html.push_str(&format!("<p>{}</p></body></html>", escape(&self.signature)));
        Mail { to: self.to, subject: self.subject, text, html, unsubscribe_url: None }
    }
}

/// The password reset link.
pub fn password_reset(lang: Locale, public_url: &str, to: &str, name: &str, token: &str) -> Mail {
    Letter {
        to: to.to_string(),
        subject: td_string!(lang, mail.reset_subject).to_string(),
        greeting: td_string!(lang, mail.greeting, name = name.to_string()).to_string(),
        before: td_string!(lang, mail.reset_intro).to_string(),
        link: format!("{}/password/reset/{token}", public_url.trim_end_matches('/')),
        after: Some(td_string!(lang, mail.reset_ignore).to_string()),
        signature: td_string!(lang, mail.signature).to_string(),
    }
    .mail(lang)
}

/// An invitation's link.
pub fn invitation(lang: Locale, public_url: &str, to: &str, name: &str, token: &str, days: i64) -> Mail {
    Letter {
        to: to.to_string(),
        subject: td_string!(lang, mail.invitation_subject).to_string(),
        greeting: td_string!(lang, mail.greeting, name = name.to_string()).to_string(),
        before: td_string!(lang, mail.invitation_intro, days = days).to_string(),
        link: format!("{}/invitations/{token}", public_url.trim_end_matches('/')),
        after: None,
        signature: td_string!(lang, mail.signature).to_string(),
    }
    .mail(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reset_mail_carries_its_link_in_both_parts_and_escapes_names() {
        let m = password_reset(Locale::fr, "https://tracker.example/", "a@example.org", "<Ana>", "abc123");
        assert!(m.text.contains("https://tracker.example/password/reset/abc123"));
        assert!(m.html.contains("href=\"https://tracker.example/password/reset/abc123\""));
        assert!(m.text.contains("Bonjour <Ana>,") && m.html.contains("Bonjour &lt;Ana&gt;,"));
        assert!(m.subject.contains("mot de passe"));
    }
}
