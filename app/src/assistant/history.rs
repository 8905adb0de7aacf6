//! The history: the user's conversations, most recently active first, a page at a time. Each
//! reopens by its link (`?c=<id>`, so it also works before the page is live) and can be deleted.

use leptos::prelude::*;

use super::{ConversationPage, ConversationSummary, api::list_conversations};
use crate::{AppError, ui::icons::Icon};

pub fn conversation_href(id: &str) -> String {
    format!("/assistant?c={id}")
}

fn questions_label(questions: u64) -> String {
    match questions {
        1 => "1 question".to_string(),
        count => format!("{count} questions"),
    }
}

#[component]
fn HistoryItem(
    conversation: ConversationSummary,
    open_id: Memo<Option<String>>,
    on_delete: Callback<ConversationSummary>,
) -> impl IntoView {
    let id = conversation.conversation_id.clone();
    let current = {
        let id = id.clone();
        Signal::derive(move || open_id.with(|open| open.as_deref() == Some(id.as_str())))
    };
    let details = format!(
        "{} · {}",
        questions_label(conversation.questions),
        conversation.updated_at.format("%-d %b %Y")
    );
    let title = conversation.title.clone();
    let delete_label = format!("Delete “{title}”");
    let (title_text, delete_text) = (title.clone(), delete_label.clone());
    view! {
        <li class="group flex items-start gap-1 rounded-lg" class:bg-accent-soft=current data-testid="assistant-history-item" data-id=id.clone()>
            // A page load, not the router: the server renders the conversation, the same way
            // as a reload or a shared link.
            <a
                href=conversation_href(&id)
                rel="external"
                class="min-w-0 flex-1 rounded-lg px-3 py-2 hover:bg-accent-soft"
                aria-current=move || current.get().then_some("page")
                data-testid="assistant-history-link"
            >
                <span class="block truncate text-sm font-medium" title=title>{title_text}</span>
                <span class="block text-xs text-muted">{details}</span>
            </a>
            <button
                type="button"
                class="icon-button h-9 w-9 shrink-0"
                title=delete_label
                data-testid="assistant-delete"
                on:click=move |_| on_delete.run(conversation.clone())
            >
                <Icon name="trash" class="h-4 w-4"/>
                <span class="sr-only">{delete_text}</span>
            </button>
        </li>
    }
}

/// The first page as loaded, then the pages "Load more" adds.
#[component]
fn HistoryList(
    first: Result<ConversationPage, AppError>,
    open_id: Memo<Option<String>>,
    removed: RwSignal<Vec<String>>,
    on_delete: Callback<ConversationSummary>,
) -> impl IntoView {
    let first = match first {
        Ok(first) => first,
        Err(error) => {
            return view! { <p class="form-alert" role="alert">{format!("The history could not be loaded: {error}")}</p> }
                .into_any();
        }
    };
    let shown = RwSignal::new(first.conversations);
    let next = RwSignal::new(first.next_before);
    let loading = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let load_more = move |_| {
        let Some(before) = next.get_untracked() else {
            return;
        };
        loading.set(true);
        leptos::task::spawn_local(async move {
            match list_conversations(Some(before)).await {
                Ok(page) => {
                    shown.update(|shown| shown.extend(page.conversations));
                    next.set(page.next_before);
                    failure.set(None);
                }
                Err(error) => failure.set(Some(error.to_string())),
            }
            loading.set(false);
        });
    };
    let visible = move || {
        let removed = removed.get();
        shown.with(|shown| {
            shown
                .iter()
                .filter(|conversation| !removed.contains(&conversation.conversation_id))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <ul class="space-y-1" data-testid="assistant-history">
            <For each=visible key=|conversation| (conversation.conversation_id.clone(), conversation.questions) let:conversation>
                <HistoryItem conversation open_id on_delete/>
            </For>
        </ul>
        {move || visible().is_empty().then(|| view! {
            <p class="px-3 text-sm text-muted" data-testid="assistant-history-empty">"No conversations yet."</p>
        })}
        {move || failure.get().map(|message| view! { <p class="form-alert" role="alert">{message}</p> })}
        {move || next.get().is_some().then(|| view! {
            <button type="button" class="btn-secondary w-full" disabled=move || loading.get() on:click=load_more data-testid="assistant-load-more">
                {move || if loading.get() { "Loading…" } else { "Load more" }}
            </button>
        })}
    }
    .into_any()
}

/// The sidebar: "New chat" and the history; on a phone the history folds away behind a button.
#[component]
pub fn HistorySidebar(
    /// Bumped when a question changed the history (a new conversation, a moved one).
    refresh: RwSignal<u32>,
    removed: RwSignal<Vec<String>>,
    open_id: Memo<Option<String>>,
    on_new_chat: Callback<()>,
    on_delete: Callback<ConversationSummary>,
) -> impl IntoView {
    let expanded = RwSignal::new(false);
    let page = Resource::new(move || refresh.get(), |_| list_conversations(None));
    view! {
        <aside class="min-w-0 space-y-3" aria-label="Conversations">
            <div class="flex items-center gap-2">
                <button type="button" class="btn-primary inline-flex flex-1 gap-2" data-testid="assistant-new-chat" on:click=move |_| on_new_chat.run(())>
                    <Icon name="plus" class="h-4 w-4"/>
                    "New chat"
                </button>
                <button
                    type="button"
                    class="btn-secondary lg:hidden"
                    aria-controls="assistant-history-panel"
                    aria-expanded=move || if expanded.get() { "true" } else { "false" }
                    on:click=move |_| expanded.update(|expanded| *expanded = !*expanded)
                >
                    {move || if expanded.get() { "Hide history" } else { "History" }}
                </button>
            </div>
            <nav id="assistant-history-panel" aria-label="History" class="card space-y-2 p-2 lg:block" class:hidden=move || !expanded.get()>
                <h2 class="px-3 pt-1 text-sm font-semibold text-muted">"History"</h2>
                <Transition fallback=|| view! { <p class="px-3 text-sm text-muted">"Loading…"</p> }>
                    {move || Suspend::new(async move {
                        let first = page.await;
                        view! { <HistoryList first open_id removed on_delete/> }
                    })}
                </Transition>
            </nav>
        </aside>
    }
}
