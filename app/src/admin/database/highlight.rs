//! SQL split into coloured pieces for the editor's overlay. Every piece keeps its text exactly,
//! so the overlay lines up with the textarea above it character for character.

/// What a piece of SQL is, which decides its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Keyword,
    String,
    Number,
    Comment,
    Plain,
}

impl TokenKind {
    /// The utility classes the overlay gives the piece.
    pub fn class(self) -> &'static str {
        match self {
            Self::Keyword => "font-semibold text-sky-700 dark:text-sky-300",
            Self::String => "text-amber-700 dark:text-amber-300",
            Self::Number => "text-violet-700 dark:text-violet-300",
            Self::Comment => "italic text-muted",
            Self::Plain => "text-fg",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub text: String,
}

const KEYWORDS: &[&str] = &[
    "ALL",
    "AND",
    "AS",
    "ASC",
    "AVG",
    "BETWEEN",
    "BY",
    "CASE",
    "CAST",
    "COALESCE",
    "COUNT",
    "CREATE",
    "CROSS",
    "DELETE",
    "DESC",
    "DISTINCT",
    "DROP",
    "ELSE",
    "END",
    "EXCEPT",
    "EXISTS",
    "EXPLAIN",
    "FALSE",
    "FROM",
    "FULL",
    "GROUP",
    "HAVING",
    "IN",
    "INDEX",
    "INNER",
    "INSERT",
    "INTERSECT",
    "INTO",
    "IS",
    "JOIN",
    "LEFT",
    "LIKE",
    "LIMIT",
    "MAX",
    "MIN",
    "NOT",
    "NULL",
    "OFFSET",
    "ON",
    "OR",
    "ORDER",
    "OUTER",
    "OVER",
    "PARTITION",
    "PLAN",
    "QUERY",
    "RIGHT",
    "SELECT",
    "SET",
    "SUM",
    "TABLE",
    "THEN",
    "TRUE",
    "UNION",
    "UPDATE",
    "USING",
    "VALUES",
    "WHEN",
    "WHERE",
    "WITH",
];

fn is_keyword(word: &str) -> bool {
    KEYWORDS
        .iter()
        .any(|keyword| keyword.eq_ignore_ascii_case(word))
}

/// The end (byte index) of the piece starting at `start`, and its kind.
fn next_token(sql: &str, start: usize) -> (usize, TokenKind) {
    let rest = &sql[start..];
    let end_of = |length: usize| start + length;
    let first = rest.chars().next().unwrap_or(' ');
    if rest.starts_with("--") {
        let length = rest.find('\n').unwrap_or(rest.len());
        return (end_of(length), TokenKind::Comment);
    }
    if let Some(body) = rest.strip_prefix("/*") {
        let length = body.find("*/").map_or(rest.len(), |end| end + 4);
        return (end_of(length), TokenKind::Comment);
    }
    if first == '\'' {
        // A doubled quote stays inside the string; an unclosed string runs to the end.
        let mut chars = rest.char_indices().skip(1).peekable();
        while let Some((index, char)) = chars.next() {
            if char == '\'' {
                if chars.peek().is_some_and(|(_, next)| *next == '\'') {
                    chars.next();
                } else {
                    return (end_of(index + 1), TokenKind::String);
                }
            }
        }
        return (sql.len(), TokenKind::String);
    }
    let word_length = rest
        .find(|char: char| !(char.is_alphanumeric() || char == '_' || char == '.'))
        .unwrap_or(rest.len());
    if first.is_ascii_digit() {
        let word = &rest[..word_length];
        let kind = if word
            .chars()
            .all(|char| char.is_ascii_digit() || char == '.')
        {
            TokenKind::Number
        } else {
            TokenKind::Plain
        };
        return (end_of(word_length), kind);
    }
    if first.is_alphabetic() || first == '_' {
        let length = rest
            .find(|char: char| !(char.is_alphanumeric() || char == '_'))
            .unwrap_or(rest.len());
        let kind = if is_keyword(&rest[..length]) {
            TokenKind::Keyword
        } else {
            TokenKind::Plain
        };
        return (end_of(length), kind);
    }
    (end_of(first.len_utf8()), TokenKind::Plain)
}

/// The pieces of `sql` in order; neighbouring plain pieces are joined.
pub fn highlight(sql: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    let mut start = 0;
    while start < sql.len() {
        let (end, kind) = next_token(sql, start);
        let text = &sql[start..end];
        match tokens.last_mut() {
            Some(last) if last.kind == kind && kind == TokenKind::Plain => last.text.push_str(text),
            _ => tokens.push(Token {
                kind,
                text: text.to_string(),
            }),
        }
        start = end;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks the pieces of `sql` and that they give back its text.
    fn assert_pieces(sql: &str, expected: &[(TokenKind, &str)]) {
        let tokens = highlight(sql);
        let joined: String = tokens.iter().map(|token| token.text.as_str()).collect();
        assert_eq!(joined, sql);
        let actual: Vec<(TokenKind, &str)> = tokens
            .iter()
            .map(|token| (token.kind, token.text.as_str()))
            .collect();
        assert_eq!(actual, expected);
    }

    #[test]
    fn keywords_strings_and_numbers_are_told_apart() {
        use TokenKind::*;
        assert_pieces(
            "select id FROM users WHERE name = 'O''Brien' LIMIT 50",
            &[
                (Keyword, "select"),
                (Plain, " id "),
                (Keyword, "FROM"),
                (Plain, " users "),
                (Keyword, "WHERE"),
                (Plain, " name = "),
                (String, "'O''Brien'"),
                (Plain, " "),
                (Keyword, "LIMIT"),
                (Plain, " "),
                (Number, "50"),
            ],
        );
    }

    #[test]
    fn names_with_digits_and_keywords_inside_are_plain() {
        use TokenKind::*;
        assert_pieces("t2.selected_at", &[(Plain, "t2.selected_at")]);
        assert_pieces("3.5", &[(Number, "3.5")]);
    }

    #[test]
    fn comments_and_unclosed_strings_keep_their_text() {
        use TokenKind::*;
        assert_pieces(
            "-- note\nSELECT 'open",
            &[
                (Comment, "-- note"),
                (Plain, "\n"),
                (Keyword, "SELECT"),
                (Plain, " "),
                (String, "'open"),
            ],
        );
        assert_pieces("/* a */1", &[(Comment, "/* a */"), (Number, "1")]);
        assert_pieces("/* open", &[(Comment, "/* open")]);
        assert_pieces("é ü", &[(Plain, "é ü")]);
    }
}
