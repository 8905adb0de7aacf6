//! The question box: Enter sends, Shift+Enter starts a new line, and a counter keeps the question
//! within what the server accepts.

use leptos::{ev::KeyboardEvent, html, prelude::*};

use super::MAX_QUESTION_CHARS;

const QUESTION_ID: &str = "assistant-question";

/// What is wrong with `text` as a question, said before sending it.
pub fn question_problem(text: &str) -> Option<String> {
    let length = text.trim().chars().count();
    (length > MAX_QUESTION_CHARS)
        .then(|| format!("Questions can be at most {MAX_QUESTION_CHARS} characters."))
}

#[component]
pub fn QuestionBox(
    on_ask: Callback<String>,
    #[prop(into)] busy: Signal<bool>,
    /// Set to put a question back (e.g. after the server refused it).
    draft: RwSignal<String>,
) -> impl IntoView {
    let input = NodeRef::<html::Textarea>::new();
    let length = Memo::new(move |_| draft.with(|text| text.trim().chars().count()));
    let problem = Memo::new(move |_| draft.with(|text| question_problem(text)));
    let blocked = move || busy.get() || length.get() == 0 || problem.with(Option::is_some);
    let send = move || {
        if blocked() {
            return;
        }
        on_ask.run(draft.get_untracked());
        draft.set(String::new());
    };
    // Back in the box once the answer is there, ready for a follow-up.
    Effect::new(move |was_busy: Option<bool>| {
        let busy = busy.get();
        if was_busy == Some(true)
            && !busy
            && let Some(input) = input.get_untracked()
        {
            let _ = input.focus();
        }
        busy
    });
    let keydown = move |event: KeyboardEvent| {
        if event.key() == "Enter" && !event.shift_key() && !event.is_composing() {
            event.prevent_default();
            send();
        }
    };
    view! {
        <form
            class="card space-y-2 p-4"
            aria-busy=move || busy.get().then_some("true")
            on:submit=move |event| {
                event.prevent_default();
                send();
            }
        >
            <label for=QUESTION_ID class="field-label">"Ask about your spending"</label>
            <textarea
                class="field-input resize-y"
                id=QUESTION_ID
                rows="2"
                placeholder="How much did I spend on dining this month?"
                node_ref=input
                data-testid="assistant-question"
                aria-invalid=move || problem.with(Option::is_some).then_some("true")
                aria-describedby="assistant-question-hint assistant-question-count"
                name="question"
                disabled=move || busy.get()
                prop:value=move || draft.get()
                on:input=move |event| draft.set(event_target_value(&event))
                on:keydown=keydown
            ></textarea>
            <div class="flex flex-wrap items-center justify-between gap-3">
                <p id="assistant-question-hint" class="text-xs text-muted">
                    "Enter sends, Shift+Enter starts a new line."
                </p>
                <div class="flex items-center gap-3">
                    <span
                        id="assistant-question-count"
                        class="text-xs tabular-nums"
                        class:text-muted=move || problem.with(Option::is_none)
                        class:text-danger=move || problem.with(Option::is_some)
                        data-testid="assistant-question-count"
                    >
                        {move || format!("{} / {MAX_QUESTION_CHARS}", length.get())}
                    </span>
                    <button type="submit" class="btn-primary inline-flex gap-2" disabled=blocked data-testid="assistant-send">
                        {move || if busy.get() { "Thinking…" } else { "Send" }}
                    </button>
                </div>
            </div>
            {move || problem.get().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
        </form>
    }
}
