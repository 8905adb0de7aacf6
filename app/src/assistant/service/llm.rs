//! The language-model planner: any OpenAI-compatible chat-completions server (OpenAI, Ollama,
//! vLLM, the llama.cpp server) through `async-openai`. The model is told the user-scoped schema,
//! the dialect, today's date in the user's time zone and a few of this user's own past questions,
//! and answers with SQL and a chart suggestion as JSON data. It is trusted with nothing: the
//! guard and the sandbox treat its SQL like anyone's.

use std::time::Duration;

use async_openai::{
    Client,
    config::OpenAIConfig,
    error::OpenAIError,
    types::chat::{
        ChatCompletionRequestAssistantMessage, ChatCompletionRequestMessage,
        ChatCompletionRequestSystemMessage, ChatCompletionRequestUserMessage,
        CreateChatCompletionRequestArgs,
    },
};
use serde::Deserialize;
use tokio::time::timeout;

use super::{
    planner::{Context, Planned, Planner, Unplanned},
    sandbox::{FUNCTIONS, SCHEMA},
};
use crate::assistant::{ChartHint, Source};

/// How to reach the model (`LLM_*` in the configuration).
#[derive(Clone, Debug)]
pub struct LlmSettings {
    /// Up to and including the version segment, e.g. `http://127.0.0.1:11434/v1`.
    pub base_url: String,
    pub api_key: String,
    pub model: String,
    /// For the whole question, retries included.
    pub timeout: Duration,
    /// The row cap the model is told to respect (the guard enforces it anyway).
    pub max_rows: usize,
}

pub struct LlmPlanner {
    client: Client<OpenAIConfig>,
    settings: LlmSettings,
}

/// What the model is asked to reply with.
#[derive(Debug, Deserialize)]
struct ModelReply {
    sql: Option<String>,
    #[serde(default)]
    chart: Option<ChartHint>,
}

impl LlmPlanner {
    pub fn new(settings: LlmSettings) -> Self {
        let config = OpenAIConfig::new()
            .with_api_base(settings.base_url.trim_end_matches('/'))
            .with_api_key(settings.api_key.clone());
        Self {
            client: Client::with_config(config),
            settings,
        }
    }

    async fn complete(
        &self,
        messages: Vec<ChatCompletionRequestMessage>,
    ) -> Result<String, String> {
        let request = CreateChatCompletionRequestArgs::default()
            .model(self.settings.model.clone())
            .messages(messages)
            .temperature(0.0)
            .build()
            .map_err(|error| error.to_string())?;
        // async-openai retries 429s, 5xx and failed connections itself (three times, with
        // exponential backoff from 100 ms, honouring Retry-After); the deadline bounds it all.
        let response = timeout(self.settings.timeout, self.client.chat().create(request))
            .await
            .map_err(|_| format!("no reply within {:?}", self.settings.timeout))?
            .map_err(|error| describe(&error))?;
        response
            .choices
            .into_iter()
            .next()
            .and_then(|choice| choice.message.content)
            .filter(|content| !content.trim().is_empty())
            .ok_or_else(|| "an empty reply".to_string())
    }
}

/// A short reason for the user and the log; never the key or the whole body.
fn describe(error: &OpenAIError) -> String {
    match error {
        OpenAIError::ApiError(response) => {
            format!("the model server answered {}", response.status_code)
        }
        OpenAIError::JSONDeserialize(..) => "the model server's reply was not valid JSON".into(),
        OpenAIError::Reqwest(error) if error.is_connect() => {
            "the model server could not be reached".into()
        }
        OpenAIError::Reqwest(error) if error.is_timeout() => "the model server timed out".into(),
        other => {
            let text = other.to_string();
            text.chars().take(200).collect()
        }
    }
}

/// The instructions: what exists, what the values mean, what to answer with.
fn system_prompt(context: &Context<'_>, max_rows: usize) -> String {
    let vocabulary = context.vocabulary;
    let categories = vocabulary
        .categories
        .iter()
        .map(|(_, name)| name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "You turn a person's question about their own spending into one SQLite query.\n\
         The database holds only this person's data, in these tables:\n{SCHEMA}\n\n\
         Meaning: amount_minor is an integer amount in minor units (cents) of the row's currency; \
         never add amounts of different currencies: filter on currency or group by it. The \
         person's main currency is {currency}. spent_on and starts_on are 'YYYY-MM-DD' dates in \
         the person's time zone ({time_zone}); today is {today} ({weekday}). Weeks start on \
         Monday. tags is a comma-separated list. has_receipt and archived are 0 or 1. Budgets are \
         monthly amounts from starts_on until the next budget row for the same category \
         (category_id NULL is the overall budget). Their categories: {categories}.\n\n\
         Rules: exactly one SELECT (WITH is allowed, WITH RECURSIVE is not); only these \
         functions: {functions}; at most {max_rows} rows; name money columns with the suffix \
         _minor and keep them in minor units; give columns short readable names.\n\n\
         Reply with one JSON object and nothing else: {{\"sql\": \"<the query>\", \"chart\": \
         {{\"kind\": \"line\" | \"bar\" | \"donut\", \"label_column\": \"<column>\", \
         \"value_column\": \"<column>\"}} or null}}. When the question is not about this data, \
         reply {{\"sql\": null}}.",
        currency = vocabulary.base_currency,
        time_zone = context.time_zone,
        today = vocabulary.today,
        weekday = vocabulary.today.format("%A"),
        functions = FUNCTIONS.join(", "),
    )
}

fn user(text: &str) -> ChatCompletionRequestMessage {
    ChatCompletionRequestUserMessage::from(text).into()
}

fn assistant_sql(sql: &str) -> ChatCompletionRequestMessage {
    let reply = serde_json::json!({ "sql": sql, "chart": null }).to_string();
    ChatCompletionRequestAssistantMessage::from(reply).into()
}

/// System prompt, the user's own past questions as worked examples, the question before this
/// one in the conversation, then the question.
fn messages(
    question: &str,
    context: &Context<'_>,
    max_rows: usize,
) -> Vec<ChatCompletionRequestMessage> {
    let mut messages = vec![
        ChatCompletionRequestSystemMessage::from(system_prompt(context, max_rows).as_str()).into(),
    ];
    for example in context.examples {
        messages.push(user(&example.question));
        messages.push(assistant_sql(&example.sql));
    }
    if let Some(previous) = context.previous
        && let Some(sql) = &previous.sql
    {
        messages.push(user(&previous.question));
        messages.push(assistant_sql(sql));
    }
    messages.push(user(question));
    messages
}

/// Reads the model's reply: the JSON object asked for, also when wrapped in prose or a code
/// fence; a bare query or a ```sql block from models that ignore the format.
fn parse_reply(content: &str) -> Result<ModelReply, Unplanned> {
    let json = content
        .find('{')
        .zip(content.rfind('}'))
        .filter(|(start, end)| start < end)
        .and_then(|(start, end)| serde_json::from_str::<ModelReply>(&content[start..=end]).ok());
    if let Some(reply) = json {
        return Ok(reply);
    }
    let fenced = content
        .split("```")
        .nth(1)
        .map(|block| block.trim_start_matches("sql").trim_start_matches("SQL"));
    let sql = fenced.unwrap_or(content).trim();
    let starts = sql.get(..6).map(str::to_ascii_lowercase);
    if matches!(starts.as_deref(), Some("select"))
        || starts.as_deref().is_some_and(|s| s.starts_with("with"))
    {
        return Ok(ModelReply {
            sql: Some(sql.to_string()),
            chart: None,
        });
    }
    Err(Unplanned::Failed("the model's reply held no query".into()))
}

impl Planner for LlmPlanner {
    fn source(&self) -> Source {
        Source::Llm
    }

    async fn plan(&self, question: &str, context: &Context<'_>) -> Result<Planned, Unplanned> {
        let content = self
            .complete(messages(question, context, self.settings.max_rows))
            .await
            .map_err(Unplanned::Failed)?;
        let reply = parse_reply(&content)?;
        let sql = reply
            .sql
            .filter(|sql| !sql.trim().is_empty())
            .ok_or_else(|| {
                Unplanned::Failed("the model found the question is not about your data".into())
            })?;
        Ok(Planned {
            sql,
            chart: reply.chart,
            plan: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_read_in_the_shapes_models_send() {
        let json = parse_reply(r#"{"sql": "SELECT 1", "chart": null}"#).expect("a reply");
        assert_eq!(json.sql.as_deref(), Some("SELECT 1"));
        let wrapped = parse_reply(
            "Here you go:\n```json\n{\"sql\": \"SELECT 2\", \"chart\": {\"kind\": \"bar\", \"label_column\": \"c\", \"value_column\": \"v\"}}\n```",
        )
        .expect("a reply");
        assert_eq!(wrapped.sql.as_deref(), Some("SELECT 2"));
        assert_eq!(
            wrapped.chart.map(|chart| chart.label_column),
            Some("c".into())
        );
        let fenced = parse_reply("```sql\nSELECT 3 FROM expenses\n```").expect("a reply");
        assert_eq!(fenced.sql.as_deref(), Some("SELECT 3 FROM expenses"));
        let bare = parse_reply("with x as (select 1) select * from x").expect("a reply");
        assert!(bare.sql.is_some());
        assert!(parse_reply("I cannot help with that.").is_err());
        assert_eq!(parse_reply(r#"{"sql": null}"#).expect("a reply").sql, None);
    }
}
