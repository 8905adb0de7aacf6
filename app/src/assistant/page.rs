//! `/assistant`: a chat about the user's own money. The open conversation is in the URL
//! (`?c=<id>`), so a reload or a shared link reopens it (rendered by the server); questions asked
//! here are added below it and sent as follow-ups of it. A new chat gets its `?c=` with its first
//! answer. The history beside it reopens and deletes conversations.

use leptos::{prelude::*, task::spawn_local};
use leptos_meta::Title;
use leptos_router::{
    NavigateOptions,
    hooks::{use_navigate, use_query_map},
};

use super::{
    Ask, ConversationSummary,
    api::{ask_question, assistant_suggestions, delete_conversation, load_conversation},
    chat::{ChatContext, EmptyChat, Exchange, LoadedMessages, LocalExchanges},
    delete::DeleteConversationDialog,
    history::{HistorySidebar, conversation_href},
    question::QuestionBox,
};
use crate::ui::{
    session::use_current_user,
    toast::{ToastRegion, Toasts},
};

/// For money in rows that do not name their currency, until the user's own is known.
const FALLBACK_CURRENCY: &str = "USD";

/// What the page knows about the chat on screen.
#[derive(Clone, Copy)]
struct ChatState {
    exchanges: RwSignal<Vec<Exchange>>,
    next_exchange: StoredValue<u64>,
    /// The conversation started on this page: all of it is in `exchanges`, nothing to load.
    started_here: StoredValue<Option<String>>,
    /// Changes whenever another chat is shown, so a late answer to the previous one is dropped.
    generation: StoredValue<u64>,
}

impl ChatState {
    fn new() -> Self {
        Self {
            exchanges: RwSignal::new(Vec::new()),
            next_exchange: StoredValue::new(0),
            started_here: StoredValue::new(None),
            generation: StoredValue::new(0),
        }
    }

    fn is_ours(self, id: &Option<String>) -> bool {
        id.is_some() && self.started_here.with_value(|started| started == id)
    }

    /// Forgets the questions asked here (another conversation, or a new chat, is shown).
    fn reset(self) {
        self.started_here.set_value(None);
        self.generation.update_value(|generation| *generation += 1);
        self.exchanges.set(Vec::new());
    }

    fn busy(self) -> Signal<bool> {
        let exchanges = self.exchanges;
        Signal::derive(move || {
            exchanges.with(|all| all.iter().any(|exchange| exchange.outcome.is_none()))
        })
    }

    /// Adds a waiting exchange and answers its id.
    fn push(self, question: String) -> u64 {
        let id = self.next_exchange.get_value();
        self.next_exchange.set_value(id + 1);
        self.exchanges.update(|all| {
            all.push(Exchange {
                id,
                question,
                outcome: None,
            })
        });
        id
    }

    fn settle(self, id: u64, outcome: Result<super::Reply, String>) {
        self.exchanges.try_update(|all| {
            if let Some(exchange) = all.iter_mut().find(|exchange| exchange.id == id) {
                exchange.outcome = Some(outcome);
            }
        });
    }
}

#[component]
pub fn AssistantPage() -> impl IntoView {
    let params = use_query_map();
    let open_id =
        Memo::new(move |_| params.with(|params| params.get("c").filter(|id| !id.is_empty())));
    let state = ChatState::new();
    let busy = state.busy();
    let navigate = use_navigate();
    let user = use_current_user().user;
    let refresh = RwSignal::new(0_u32);
    let removed = RwSignal::new(Vec::<String>::new());
    let asking_delete = RwSignal::new(None::<ConversationSummary>);
    let draft = RwSignal::new(String::new());
    let toasts = Toasts::new();
    #[cfg(feature = "hydrate")]
    crate::dashboard::draw::load_echarts();

    let conversation = Resource::new(
        move || open_id.get(),
        move |id| {
            let ours = state.is_ours(&id);
            async move {
                match id {
                    Some(id) if !ours => load_conversation(id)
                        .await
                        .map(|conversation| conversation.messages),
                    _ => Ok(Vec::new()),
                }
            }
        },
    );
    let starters = Resource::new(|| (), |()| assistant_suggestions());
    Effect::new(move |previous: Option<Option<String>>| {
        let id = open_id.get();
        if previous.is_some_and(|previous| previous != id) && !state.is_ours(&id) {
            state.reset();
        }
        id
    });

    let ask = {
        let navigate = navigate.clone();
        Callback::new(move |question: String| {
            let question = question.trim().to_string();
            if question.is_empty() || busy.get_untracked() {
                return;
            }
            let id = state.push(question.clone());
            let conversation_id = open_id.get_untracked();
            let asked_in = state.generation.get_value();
            let navigate = navigate.clone();
            spawn_local(async move {
                let ask = Ask {
                    question: question.clone(),
                    conversation_id: conversation_id.clone(),
                };
                let result = ask_question(ask).await;
                if result.is_ok() {
                    refresh.try_update(|version| *version += 1);
                }
                if state.generation.try_get_value() != Some(asked_in) {
                    return;
                }
                match &result {
                    Ok(reply) if conversation_id.is_none() => {
                        state
                            .started_here
                            .set_value(Some(reply.conversation_id.clone()));
                        let options = NavigateOptions {
                            replace: true,
                            scroll: false,
                            ..NavigateOptions::default()
                        };
                        navigate(&conversation_href(&reply.conversation_id), options);
                    }
                    Ok(_) => {}
                    // Back in the box, to fix or send again.
                    Err(_) => {
                        if draft.with_untracked(String::is_empty) {
                            draft.try_set(question);
                        }
                    }
                }
                state.settle(id, result.map_err(|error| error.to_string()));
            });
        })
    };
    // A page load, like opening a conversation from the history: swapping a conversation the
    // server rendered for another in place is what the page does not do.
    let new_chat = Callback::new(move |()| {
        state.reset();
        #[cfg(feature = "hydrate")]
        let _ = window().location().set_href("/assistant");
    });
    let confirm_delete = Callback::new(move |id: String| {
        spawn_local(async move {
            match delete_conversation(id.clone()).await {
                // The open one gives way to a new chat, which says enough.
                Ok(()) if open_id.try_get_untracked().flatten().as_deref() == Some(id.as_str()) => {
                    new_chat.run(())
                }
                Ok(()) => {
                    removed.try_update(|removed| removed.push(id));
                    toasts.show("Conversation deleted.", None);
                }
                Err(error) => {
                    toasts.error(format!("The conversation could not be deleted: {error}"))
                }
            }
        });
    });

    let chat = move || {
        Suspend::new(async move {
            let loaded = conversation.await;
            let base_currency = user
                .await
                .ok()
                .flatten()
                .map_or_else(|| FALLBACK_CURRENCY.to_string(), |user| user.base_currency);
            let starters = starters.await.unwrap_or_default();
            let context = ChatContext {
                base_currency,
                on_ask: ask,
                busy,
            };
            let exchanges = state.exchanges;
            let asked_here = Signal::derive(move || exchanges.with(|all| !all.is_empty()));
            let earlier = match loaded {
                Ok(messages) if messages.is_empty() => {
                    let empty = move || {
                        (!asked_here.get()).then(|| {
                            view! { <EmptyChat suggestions=starters.clone() on_ask=ask busy/> }
                        })
                    };
                    empty.into_any()
                }
                Ok(messages) => view! { <LoadedMessages messages chat=context.clone() asked_here/> }.into_any(),
                Err(error) => view! {
                    <section class="card space-y-2 p-6" role="alert" data-testid="assistant-open-error">
                        <h2 class="text-lg font-semibold">"This conversation could not be opened"</h2>
                        <p class="text-muted">{error.to_string()}</p>
                        <a href="/assistant" class="text-link">"Start a new chat"</a>
                    </section>
                }
                .into_any(),
            };
            view! {
                {earlier}
                <LocalExchanges exchanges chat=context/>
            }
        })
    };

    view! {
        <Title text="Assistant"/>
        <div class="grid grid-cols-1 gap-6 lg:grid-cols-[17rem_minmax(0,1fr)]">
            <HistorySidebar
                refresh
                removed
                open_id
                on_new_chat=new_chat
                on_delete=Callback::new(move |conversation| asking_delete.set(Some(conversation)))
            />
            <div class="min-w-0 space-y-4">
                <header>
                    <h1 class="text-2xl font-bold tracking-tight">"Assistant"</h1>
                    <p class="mt-1 text-sm text-muted">"Answers come from your own expenses and budgets, with the numbers and the query behind them."</p>
                </header>
                <section class="space-y-4" role="log" aria-live="polite" aria-label="Conversation" data-testid="assistant-chat">
                    <Transition fallback=|| view! { <p class="card p-4 text-muted">"Loading the conversation…"</p> }>
                        {chat}
                    </Transition>
                </section>
                <QuestionBox on_ask=ask busy draft/>
            </div>
        </div>
        <DeleteConversationDialog asking=asking_delete on_confirm=confirm_delete/>
        <ToastRegion toasts/>
    }
}
