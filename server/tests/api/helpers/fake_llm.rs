//! A stand-in for an OpenAI-compatible model server: a real HTTP listener on port 0 speaking the
//! chat-completions protocol, so the assistant's client is tested over a real round trip (status
//! codes, malformed bodies, slow replies, retries) without a model or the internet.

use std::{
    collections::VecDeque,
    sync::{Arc, Mutex},
    time::Duration,
};

use axum::{
    Json, Router,
    extract::State,
    http::{HeaderMap, StatusCode, header::AUTHORIZATION},
    response::{IntoResponse, Response},
    routing::post,
};
use serde_json::{Value, json};

/// One reply of the fake server.
#[derive(Clone, Debug)]
pub enum Scripted {
    /// 200 with the JSON object the assistant asks models for.
    Sql(String),
    /// 200 with this text as the model's message, verbatim.
    Content(String),
    /// This status with an OpenAI-style error body.
    Status(u16),
    /// 200 whose body is not JSON.
    Malformed,
    /// Nothing for this long, then the inner reply.
    Slow(Duration, Box<Scripted>),
}

/// What to answer once the queue is empty, from the request's last user message.
type Responder = dyn Fn(&str) -> Scripted + Send + Sync;

struct Script {
    queue: VecDeque<Scripted>,
    otherwise: Box<Responder>,
    requests: Vec<Received>,
}

/// A request as the fake server saw it.
#[derive(Clone, Debug)]
pub struct Received {
    pub authorization: Option<String>,
    pub body: Value,
}

impl Received {
    /// The text of the last user message: the question being asked.
    pub fn question(&self) -> String {
        last_question(&self.body)
    }

    /// Every message's text, joined: what the model was told.
    pub fn prompt(&self) -> String {
        self.body["messages"]
            .as_array()
            .map(|messages| {
                messages
                    .iter()
                    .filter_map(|message| message["content"].as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default()
    }
}

#[derive(Clone)]
pub struct FakeLlm {
    /// `LLM_BASE_URL` for this server (with the `/v1` segment).
    pub base_url: String,
    script: Arc<Mutex<Script>>,
}

impl FakeLlm {
    /// A server that answers every question with `otherwise(question)` unless a queued reply
    /// comes first.
    pub async fn start(otherwise: impl Fn(&str) -> Scripted + Send + Sync + 'static) -> Self {
        let script = Arc::new(Mutex::new(Script {
            queue: VecDeque::new(),
            otherwise: Box::new(otherwise),
            requests: Vec::new(),
        }));
        let router = Router::new()
            .route("/v1/chat/completions", post(complete))
            .with_state(script.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port");
        let address = listener.local_addr().expect("a bound address");
        tokio::spawn(async move { axum::serve(listener, router).await });
        Self {
            base_url: format!("http://{address}/v1"),
            script,
        }
    }

    /// Replies given in this order before the fallback answers again.
    pub fn queue(&self, replies: impl IntoIterator<Item = Scripted>) {
        self.lock().queue.extend(replies);
    }

    /// Every request received, oldest first.
    pub fn requests(&self) -> Vec<Received> {
        self.lock().requests.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Script> {
        self.script.lock().expect("the script is not poisoned")
    }
}

fn last_question(request: &Value) -> String {
    request["messages"]
        .as_array()
        .and_then(|messages| messages.iter().rev().find(|m| m["role"] == "user"))
        .and_then(|message| message["content"].as_str())
        .unwrap_or_default()
        .to_string()
}

async fn complete(
    State(script): State<Arc<Mutex<Script>>>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    let reply = {
        let mut script = script.lock().expect("the script is not poisoned");
        let question = last_question(&body);
        let authorization = headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .map(str::to_string);
        script.requests.push(Received {
            authorization,
            body,
        });
        match script.queue.pop_front() {
            Some(reply) => reply,
            None => (script.otherwise)(&question),
        }
    };
    respond(reply).await
}

async fn respond(mut reply: Scripted) -> Response {
    while let Scripted::Slow(pause, inner) = reply {
        tokio::time::sleep(pause).await;
        reply = *inner;
    }
    match reply {
        Scripted::Sql(sql) => completion(&json!({ "sql": sql, "chart": null }).to_string()),
        Scripted::Content(content) => completion(&content),
        Scripted::Status(code) => {
            let status = StatusCode::from_u16(code).expect("a valid status");
            let body = json!({ "error": {
                "message": format!("scripted {code}"),
                "type": "server_error",
                "param": null,
                "code": null,
            }});
            (status, Json(body)).into_response()
        }
        Scripted::Malformed => (
            StatusCode::OK,
            [("content-type", "application/json")],
            "{\"id\": \"chatcmpl-1\", \"choices\": [",
        )
            .into_response(),
        Scripted::Slow(..) => unreachable!("unwrapped above"),
    }
}

fn completion(content: &str) -> Response {
    Json(json!({
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": "fake-model",
        "choices": [{
            "index": 0,
            "message": { "role": "assistant", "content": content },
            "finish_reason": "stop",
            "logprobs": null,
        }],
        "usage": { "prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20 },
    }))
    .into_response()
}
