//! Comments are written in Markdown and shown as HTML: rendered by pulldown-cmark, then cleaned
//! by ammonia. Raw HTML in the source is shown as text; only http, https and mailto links
//! survive, with rel="nofollow noopener noreferrer ugc"; no images, scripts, styles or event
//! handlers.
use std::collections::HashSet;

use pulldown_cmark::{html, Event, Options, Parser};

/// Safe HTML for a comment's Markdown source.
pub fn to_safe_html(source: &str) -> String {
    let parser = Parser::new_ext(source, Options::ENABLE_STRIKETHROUGH).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut rendered = String::new();
    html::push_html(&mut rendered, parser);
    ammonia::Builder::default()
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("nofollow noopener noreferrer ugc"))
        .rm_tags(["img"])
        .clean(&rendered)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

    #[test]
    fn markdown_becomes_html() {
        assert_eq!(
            to_safe_html("**firewall** between *services*"),
            "<p><strong>firewall</strong> between <em>services</em></p>\n"
        );
        let linked = to_safe_html("[PICUM](https://picum.org)");
        assert!(linked.contains("href=\"https://picum.org\""));
        assert!(linked.contains("rel=\"nofollow noopener noreferrer ugc\""));
    }

    /// Known cross-site scripting payloads: none may leave anything executable.
    #[test]
    fn known_xss_payloads_are_neutralised() {
        let payloads = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<svg onload=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "[click](  javascript:alert(1))",
            "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[click](vbscript:msgbox(1))",
            "![x](javascript:alert(1))",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<body onload=alert(1)>",
            "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
            "<form action=\"https://evil.example\"><button>go</button></form>",
            "<details open ontoggle=alert(1)>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
            "[x](&#106;avascript:alert(1))",
            "<<script>script>alert(1)<</script>/script>",
            "<object data=\"javascript:alert(1)\"></object>",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "<style>body{display:none}</style>",
            "`<script>alert(1)</script>`",
            "<a href='https://ok.example' onclick='alert(1)'>ok</a>",
        ];
        const ALLOWED: &[&str] = &[
            "p",
            "strong",
            "em",
            "del",
            "a",
            "code",
            "pre",
            "ul",
            "ol",
            "li",
            "blockquote",
            "br",
            "hr",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
        ];
        for payload in payloads {
            let html = to_safe_html(payload).to_lowercase();
            // Escaped text cannot run; only real tags matter: each must be harmless.
            for tag in html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or_default()) {
                let name = tag.trim_start_matches('/').split([' ', '/']).next().unwrap_or_default();
                assert!(ALLOWED.contains(&name), "{payload:?} left the tag <{tag}>");
                for bad in ["javascript:", "vbscript:", "data:", " on", "style=", "src="] {
                    assert!(!tag.contains(bad), "{payload:?} left {bad:?} in <{tag}>");
                }
            }
        }
    }
}
