//! Text for the elements whose content Leptos writes into the page unescaped on the server:
//! `<textarea>` and `<title>` (as it does a script's). A value holding `</textarea><script>` or
//! `</title><script>` would end the element and run (found by the XSS tests). On the server the
//! text is escaped here; both elements decode character references, so readers see, and forms
//! submit, exactly the text. In the browser an island hydrates the text the server wrote without
//! re-parsing it, so the value stays as it is there.
pub fn escaped(value: String) -> String {
    #[cfg(feature = "ssr")]
    {
        let mut out = String::with_capacity(value.len());
        for c in value.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                c => out.push(c),
            }
        }
        out
    }
    #[cfg(not(feature = "ssr"))]
    value
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #[test]
    fn markup_cannot_end_the_element() {
        assert_eq!(
            super::escaped("a </title><script>x & y</script>".into()),
            "a &lt;/title&gt;&lt;script&gt;x &amp; y&lt;/script&gt;"
        );
    }
}
