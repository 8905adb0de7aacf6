//! The emails' words live in `templates/` (a plain-text and an HTML part each, the HTML inside
//! `layout.html`); this fills their `{{name}}` slots. Values are escaped in the HTML part only.

/// A message ready to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Which email, with the text parts it needs.
pub enum Template {
    Welcome,
    BudgetAlert,
    PasswordChanged,
}

impl Template {
    /// The `kind` column of the `emails` table.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Welcome => "welcome",
            Self::BudgetAlert => "budget_alert",
            Self::PasswordChanged => "password_changed",
        }
    }

    fn parts(&self) -> (&'static str, &'static str) {
        match self {
            Self::Welcome => (
                include_str!("templates/welcome.txt"),
                include_str!("templates/welcome.html"),
            ),
            Self::BudgetAlert => (
                include_str!("templates/budget_alert.txt"),
                include_str!("templates/budget_alert.html"),
            ),
            Self::PasswordChanged => (
                include_str!("templates/password_changed.txt"),
                include_str!("templates/password_changed.html"),
            ),
        }
    }

    /// Fills the template; `values` must name every slot it has (a test checks each template).
    pub fn render(&self, subject: &str, values: &[(&str, &str)]) -> Rendered {
        let (text, html) = self.parts();
        let content = fill(html, values, escape_html);
        let app_url = values
            .iter()
            .find(|(name, _)| *name == "app_url")
            .map(|(_, url)| escape_html(url))
            .unwrap_or_default();
        // Everything going into the layout is escaped already.
        let page = [
            ("subject", escape_html(subject)),
            ("content", content),
            ("app_url", app_url),
        ];
        let page: Vec<(&str, &str)> = page.iter().map(|(k, v)| (*k, v.as_str())).collect();
        Rendered {
            subject: subject.to_string(),
            text: fill(text, values, str::to_string),
            html: fill(include_str!("templates/layout.html"), &page, str::to_string),
        }
    }
}

fn fill(template: &str, values: &[(&str, &str)], encode: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name = &after[..end];
        match values.iter().find(|(key, _)| *key == name) {
            Some((_, value)) => out.push_str(&encode(value)),
            // Left visible, so a forgotten value shows in tests instead of vanishing.
            None => out.push_str(&rest[start..start + 2 + end + 2]),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

fn escape_html(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALUES: &[(&str, &str)] = &[
        ("name", "Ada <script>"),
        ("email", "ada@example.com"),
        ("app_url", "https://money.example"),
        ("title", "Dining is at 80 %"),
        ("body", "You have €40.00 left & 9 days to go."),
        ("link", "/budgets?month=2026-12"),
        ("when", "6 December 2026 at 18:40 (Europe/Berlin)"),
    ];

    #[test]
    fn every_template_fills_every_slot_in_both_parts() {
        for template in [
            Template::Welcome,
            Template::BudgetAlert,
            Template::PasswordChanged,
        ] {
            let rendered = template.render("Subject", VALUES);
            assert!(!rendered.text.contains("{{"), "{}", rendered.text);
            assert!(!rendered.html.contains("{{"), "{}", rendered.html);
            assert!(rendered.text.contains("Ada <script>"));
            assert!(rendered.html.contains("Ada &lt;script&gt;"));
            assert!(!rendered.html.contains("<script>"));
            assert!(rendered.html.contains("https://money.example"));
        }
    }

    #[test]
    fn html_values_are_escaped_and_text_values_are_not() {
        let rendered = Template::BudgetAlert.render("Dining is at 80 %", VALUES);
        assert!(rendered.text.contains("left & 9 days"));
        assert!(rendered.html.contains("left &amp; 9 days"));
        assert!(rendered.html.contains("<title>Dining is at 80 %</title>"));
        assert!(
            rendered
                .text
                .contains("https://money.example/budgets?month=2026-12")
        );
    }

    #[test]
    fn a_missing_value_stays_visible() {
        assert_eq!(fill("Hi {{who}}!", &[], str::to_string), "Hi {{who}}!");
        assert_eq!(fill("Hi {{who", &[], str::to_string), "Hi {{who");
    }
}
