//! The conversation: the messages of a reopened conversation (server-rendered), then the
//! questions asked on this page, each waiting for, showing, or failing to get its answer.

use leptos::prelude::*;

use super::{
    Message, Reply, Speaker,
    answer::{AnswerView, SuggestionChips},
};

/// A question asked on this page and, once there, its answer or why there is none.
#[derive(Clone, Debug, PartialEq)]
pub struct Exchange {
    pub id: u64,
    pub question: String,
    pub outcome: Option<Result<Reply, String>>,
}

/// What every answer needs from the page.
#[derive(Clone)]
pub struct ChatContext {
    pub base_currency: String,
    pub on_ask: Callback<String>,
    pub busy: Signal<bool>,
}

#[component]
fn QuestionBubble(text: String) -> impl IntoView {
    view! {
        <div class="flex justify-end">
            <p class="max-w-[85%] whitespace-pre-wrap break-words rounded-2xl rounded-br-sm bg-accent px-4 py-2 text-accent-fg" data-testid="assistant-user-message">
                <span class="sr-only">"You asked: "</span>
                {text}
            </p>
        </div>
    }
}

#[component]
fn Thinking() -> impl IntoView {
    view! {
        <p class="card flex items-center gap-3 p-4 text-muted" role="status" data-testid="assistant-thinking">
            <span class="h-4 w-4 animate-spin rounded-full border-2 border-line border-t-accent" aria-hidden="true"></span>
            "Thinking…"
        </p>
    }
}

/// An answer, or the reason there is none.
fn outcome_view(
    outcome: Option<Result<Reply, String>>,
    chat: &ChatContext,
    id: String,
    suggestions_shown: Signal<bool>,
) -> AnyView {
    match outcome {
        None => view! { <Thinking/> }.into_any(),
        Some(Ok(reply)) => view! {
            <AnswerView
                reply
                base_currency=chat.base_currency.clone()
                id
                suggestions_shown
                on_ask=chat.on_ask
                busy=chat.busy
            />
        }
        .into_any(),
        Some(Err(message)) => view! {
            <p class="form-alert" role="alert" data-testid="assistant-error">{message}</p>
        }
        .into_any(),
    }
}

/// The messages of a conversation loaded from the server; the last answer offers its
/// suggestions until a question is asked on this page.
#[component]
pub fn LoadedMessages(
    messages: Vec<Message>,
    chat: ChatContext,
    #[prop(into)] asked_here: Signal<bool>,
) -> impl IntoView {
    let last_answer = messages
        .iter()
        .rposition(|message| message.speaker == Speaker::Assistant);
    messages
        .into_iter()
        .enumerate()
        .map(|(index, message)| match (message.speaker, message.reply) {
            (Speaker::User, _) => view! { <QuestionBubble text=message.text/> }.into_any(),
            (Speaker::Assistant, Some(reply)) => {
                let shown = Signal::derive(move || Some(index) == last_answer && !asked_here.get());
                outcome_view(
                    Some(Ok(reply)),
                    &chat,
                    format!("assistant-loaded-{index}"),
                    shown,
                )
            }
            (Speaker::Assistant, None) => view! {
                <p class="card p-4" data-testid="assistant-answer">{message.text}</p>
            }
            .into_any(),
        })
        .collect_view()
}

/// The questions asked on this page, oldest first.
#[component]
pub fn LocalExchanges(exchanges: RwSignal<Vec<Exchange>>, chat: ChatContext) -> impl IntoView {
    let latest = Memo::new(move |_| exchanges.with(|all| all.last().map(|exchange| exchange.id)));
    let row = move |exchange: Exchange| {
        let id = exchange.id;
        let shown = Signal::derive(move || latest.get() == Some(id));
        view! {
            <QuestionBubble text=exchange.question/>
            {outcome_view(exchange.outcome, &chat, format!("assistant-local-{id}"), shown)}
        }
    };
    view! {
        <For
            each=move || exchanges.get()
            key=|exchange| (exchange.id, exchange.outcome.is_some())
            children=row
        />
    }
}

/// An empty chat: what the assistant can do, and questions to start with.
#[component]
pub fn EmptyChat(
    suggestions: Vec<String>,
    on_ask: Callback<String>,
    #[prop(into)] busy: Signal<bool>,
) -> impl IntoView {
    view! {
        <section class="card space-y-4 p-6" data-testid="assistant-empty">
            <div>
                <h2 class="text-lg font-semibold">"Ask about your money"</h2>
                <p class="mt-1 text-sm text-muted">
                    "Questions in plain language about your own expenses and budgets: totals, trends, top merchants, comparisons. Each answer shows the numbers and the query behind them."
                </p>
            </div>
            <SuggestionChips suggestions on_ask busy/>
        </section>
    }
}
